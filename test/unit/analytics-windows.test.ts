import { describe, expect, it } from 'vitest';
import { app, at, drain, SOURCE } from '../support/analytics-engine';

const tumbling = (groupBy: string, extra = '') =>
  app(`CREATE STREAM O (K VARCHAR(4), N BIGINT, S INTEGER);
CREATE PUMP P AS INSERT INTO O SELECT STREAM K, COUNT(*), SUM(V) FROM "${SOURCE}" GROUP BY K, ${groupBy} ${extra};`, 'K VARCHAR(4), V INTEGER');

describe('tumbling windows (GROUP BY STEP/FLOOR of ROWTIME)', () => {
  it('a window is [start, end): a row at exactly the end opens the next window, and the closed one goes out at ROWTIME = end', () => {
    const e = tumbling(`STEP("${SOURCE}".ROWTIME BY INTERVAL '1' MINUTE)`);
    e.insert(SOURCE, ['A', 1], at('10:00:00'));
    e.insert(SOURCE, ['A', 2], at('10:00:59.999'));
    expect(drain(e)).toEqual([]);
    e.insert(SOURCE, ['A', 4], at('10:01:00'));
    expect(drain(e)).toEqual(['10:01:00.000 {"K":"A","N":2,"S":3}']);
    e.advanceTime(at('10:02:00'));
    expect(drain(e)).toEqual(['10:02:00.000 {"K":"A","N":1,"S":4}']);
  });

  it('a rowtime bound closes a window only once it reaches the end, and empty windows emit nothing', () => {
    const e = tumbling(`FLOOR("${SOURCE}".ROWTIME TO MINUTE)`);
    e.insert(SOURCE, ['A', 1], at('10:00:05'));
    e.advanceTime(at('10:00:59.999'));
    expect(drain(e)).toEqual([]);
    e.advanceTime(at('10:05:00'));
    expect(drain(e)).toEqual(['10:01:00.000 {"K":"A","N":1,"S":1}']);
    e.insert(SOURCE, ['B', 7], at('10:05:30'));
    e.advanceTime(at('10:06:00'));
    expect(drain(e)).toEqual(['10:06:00.000 {"K":"B","N":1,"S":7}']);
  });

  it('the console idiom FLOOR((ROWTIME - epoch) SECOND / 10 TO SECOND) makes 10-second windows ending on the boundary', () => {
    const e = tumbling(`FLOOR(("${SOURCE}".ROWTIME - TIMESTAMP '1970-01-01 00:00:00') SECOND / 10 TO SECOND)`);
    e.insert(SOURCE, ['A', 1], at('10:00:01'));
    e.insert(SOURCE, ['A', 1], at('10:00:09'));
    e.insert(SOURCE, ['A', 1], at('10:00:10'));
    e.advanceTime(at('10:00:20'));
    expect(drain(e)).toEqual(['10:00:10.000 {"K":"A","N":2,"S":2}', '10:00:20.000 {"K":"A","N":1,"S":1}']);
  });

  it('NULL keys form one group; SUM skips NULLs and is NULL when it saw none; COUNT(*) counts every row', () => {
    const e = tumbling(`STEP("${SOURCE}".ROWTIME BY INTERVAL '10' SECOND)`);
    e.insert(SOURCE, [null, null], at('10:00:01'));
    e.insert(SOURCE, [null, null], at('10:00:02'));
    e.insert(SOURCE, ['A', null], at('10:00:03'));
    e.insert(SOURCE, ['A', 5], at('10:00:04'));
    e.advanceTime(at('10:00:10'));
    expect(drain(e)).toEqual(['10:00:10.000 {"K":null,"N":2,"S":null}', '10:00:10.000 {"K":"A","N":2,"S":5}']);
  });

  it('a late row (ROWTIME earlier than the stream has seen) is taken at the stream time and joins the current window', () => {
    const e = tumbling(`STEP("${SOURCE}".ROWTIME BY INTERVAL '1' MINUTE)`);
    e.insert(SOURCE, ['A', 1], at('10:01:10'));
    e.insert(SOURCE, ['A', 2], at('10:00:30'));
    e.advanceTime(at('10:02:00'));
    expect(drain(e)).toEqual(['10:02:00.000 {"K":"A","N":2,"S":3}']);
  });

  it('a row whose aggregate argument fails goes to error_stream and leaves its group as it was', () => {
    const e = app(`CREATE STREAM O (N BIGINT, S INTEGER);
CREATE PUMP P AS INSERT INTO O SELECT STREAM COUNT(*), SUM(10 / V) FROM "${SOURCE}" GROUP BY STEP("${SOURCE}".ROWTIME BY INTERVAL '1' MINUTE);`, 'V INTEGER');
    for (const v of [5, 0, 2]) e.insert(SOURCE, [v], at('10:00:10'));
    e.advanceTime(at('10:01:00'));
    expect(drain(e)).toEqual(['10:00:10.000 error_stream DivisionByZero', '10:01:00.000 {"N":2,"S":7}']);
  });

  it('HAVING keeps only groups whose aggregate passes', () => {
    const e = tumbling(`STEP("${SOURCE}".ROWTIME BY INTERVAL '1' MINUTE)`, 'HAVING COUNT(*) > 1');
    for (const k of ['A', 'B', 'A']) e.insert(SOURCE, [k, 1], at('10:00:10'));
    e.advanceTime(at('10:01:00'));
    expect(drain(e)).toEqual(['10:01:00.000 {"K":"A","N":2,"S":2}']);
  });
});

describe('sliding windows (OVER)', () => {
  const sliding = (frame: string) =>
    app(`CREATE STREAM O (K VARCHAR(4), N BIGINT, S INTEGER, A INTEGER, LO INTEGER, F INTEGER, PREV INTEGER);
CREATE PUMP P AS INSERT INTO O SELECT STREAM K, COUNT(*) OVER W, SUM(V) OVER W, AVG(V) OVER W, MIN(V) OVER W, FIRST_VALUE(V) OVER W, LAG(V, 1) OVER W
FROM "${SOURCE}" WINDOW W AS (PARTITION BY K ${frame});`, 'K VARCHAR(4), V INTEGER');

  it('RANGE INTERVAL n PRECEDING holds rows in [t - n, t], both ends inclusive, per partition', () => {
    const e = sliding(`RANGE INTERVAL '1' MINUTE PRECEDING`);
    e.insert(SOURCE, ['A', 5], at('10:00:00'));
    e.insert(SOURCE, ['B', 100], at('10:00:30'));
    e.insert(SOURCE, ['A', 3], at('10:01:00'));
    e.insert(SOURCE, ['A', 8], at('10:01:00.001'));
    expect(drain(e)).toEqual([
      '10:00:00.000 {"K":"A","N":1,"S":5,"A":5,"LO":5,"F":5,"PREV":null}',
      '10:00:30.000 {"K":"B","N":1,"S":100,"A":100,"LO":100,"F":100,"PREV":null}',
      '10:01:00.000 {"K":"A","N":2,"S":8,"A":4,"LO":3,"F":5,"PREV":5}',
      '10:01:00.001 {"K":"A","N":2,"S":11,"A":5,"LO":3,"F":3,"PREV":3}',
    ]);
  });

  it("INTERVAL '59:59.999' MINUTE TO SECOND(3) excludes the row exactly an hour back, as the documentation suggests", () => {
    const e = app(`CREATE STREAM O (N BIGINT); CREATE PUMP P AS INSERT INTO O SELECT STREAM COUNT(*) OVER (RANGE INTERVAL '59:59.999' MINUTE TO SECOND(3) PRECEDING) FROM "${SOURCE}";`, 'K VARCHAR(4)');
    for (const t of ['10:00:00', '10:59:59.999', '11:00:00']) e.insert(SOURCE, ['A'], at(t));
    expect(drain(e)).toEqual(['10:00:00.000 {"N":1}', '10:59:59.999 {"N":2}', '11:00:00.000 {"N":2}']);
  });

  it('ROWS n PRECEDING holds the row and the n before it; NULLs are skipped by SUM/AVG/MIN but counted by COUNT(*)', () => {
    const e = sliding('ROWS 2 PRECEDING');
    for (const v of [1, null, 4, 10]) e.insert(SOURCE, ['A', v], at('10:00:00'));
    expect(drain(e)).toEqual([
      '10:00:00.000 {"K":"A","N":1,"S":1,"A":1,"LO":1,"F":1,"PREV":null}',
      '10:00:00.000 {"K":"A","N":2,"S":1,"A":1,"LO":1,"F":1,"PREV":1}',
      '10:00:00.000 {"K":"A","N":3,"S":5,"A":2,"LO":1,"F":1,"PREV":null}',
      '10:00:00.000 {"K":"A","N":3,"S":14,"A":7,"LO":4,"F":null,"PREV":4}',
    ]);
  });
});

describe('sliding window state', () => {
  it('partitions whose rows have all left a RANGE window are forgotten, so time-based partition keys do not pile up', () => {
    const e = app(`CREATE STREAM O (N BIGINT); CREATE PUMP P AS INSERT INTO O SELECT STREAM COUNT(*) OVER (PARTITION BY STEP(APPROXIMATE_ARRIVAL_TIME BY INTERVAL '10' SECOND) RANGE INTERVAL '10' SECOND PRECEDING) FROM "${SOURCE}";`, 'K VARCHAR(4)');
    for (let i = 0; i < 1000; i++) e.insert(SOURCE, ['A'], at('10:00:00') + i * 1000);
    e.advanceTime(at('10:00:00') + 1000 * 1000);
    const [partitions] = (e.snapshot() as { operators: unknown[][][] }).operators[0];
    expect(partitions.length).toBeLessThanOrEqual(2);
  });
});

describe('stagger windows', () => {
  it('open at the first row of a key and close at open + range; a row at exactly the close opens a new window', () => {
    const e = app(`CREATE STREAM O (K VARCHAR(4), N BIGINT);
CREATE PUMP P AS INSERT INTO O SELECT STREAM K, COUNT(*) FROM "${SOURCE}" WINDOWED BY STAGGER (PARTITION BY K RANGE INTERVAL '10' SECOND);`, 'K VARCHAR(4)');
    e.insert(SOURCE, ['A'], at('10:00:03'));
    e.insert(SOURCE, ['B'], at('10:00:05'));
    e.insert(SOURCE, ['A'], at('10:00:12.999'));
    e.insert(SOURCE, ['A'], at('10:00:13'));
    expect(drain(e)).toEqual(['10:00:13.000 {"K":"A","N":2}']);
    e.advanceTime(at('10:00:23'));
    expect(drain(e)).toEqual(['10:00:15.000 {"K":"B","N":1}', '10:00:23.000 {"K":"A","N":1}']);
  });
});

describe('stream-to-stream outer join', () => {
  it('an unmatched row of the windowed preserving side goes out with NULLs when it leaves its window, at ROWTIME + range', () => {
    const e = app(`CREATE STREAM L (ID INTEGER); CREATE STREAM R (ID INTEGER);
CREATE PUMP PL AS INSERT INTO L SELECT STREAM ID FROM "${SOURCE}" WHERE SIDE = 'L';
CREATE PUMP PR AS INSERT INTO R SELECT STREAM ID FROM "${SOURCE}" WHERE SIDE = 'R';
CREATE STREAM O (LID INTEGER, RID INTEGER);
CREATE PUMP PO AS INSERT INTO O SELECT STREAM l.ID, r.ID FROM L OVER (RANGE INTERVAL '10' SECOND PRECEDING) AS l LEFT JOIN R AS r ON l.ID = r.ID;`, 'SIDE VARCHAR(1), ID INTEGER');
    e.insert(SOURCE, ['L', 1], at('10:00:00'));
    e.insert(SOURCE, ['L', 2], at('10:00:01'));
    e.insert(SOURCE, ['R', 2], at('10:00:05'));
    e.advanceTime(at('10:00:30'));
    expect(drain(e, 'O')).toEqual(['10:00:05.000 {"LID":2,"RID":2}', '10:00:10.000 {"LID":1,"RID":null}']);
  });
});

describe('stream-to-stream full outer join', () => {
  it('unmatched rows of both windowed sides leave in the order their windows end', () => {
    const e = app(`CREATE STREAM L (ID INTEGER); CREATE STREAM R (ID INTEGER);
CREATE PUMP PL AS INSERT INTO L SELECT STREAM ID FROM "${SOURCE}" WHERE SIDE = 'L';
CREATE PUMP PR AS INSERT INTO R SELECT STREAM ID FROM "${SOURCE}" WHERE SIDE = 'R';
CREATE STREAM O (LID INTEGER, RID INTEGER);
CREATE PUMP PO AS INSERT INTO O SELECT STREAM l.ID, r.ID FROM L OVER (RANGE INTERVAL '10' SECOND PRECEDING) AS l
  FULL JOIN R OVER (RANGE INTERVAL '5' SECOND PRECEDING) AS r ON l.ID = r.ID;`, 'SIDE VARCHAR(1), ID INTEGER');
    e.insert(SOURCE, ['L', 1], at('10:00:00'));
    e.insert(SOURCE, ['R', 2], at('10:00:01'));
    e.insert(SOURCE, ['R', 3], at('10:00:02'));
    e.insert(SOURCE, ['L', 3], at('10:00:04'));
    e.advanceTime(at('10:00:30'));
    expect(drain(e, 'O')).toEqual(['10:00:04.000 {"LID":3,"RID":3}', '10:00:06.000 {"LID":null,"RID":2}', '10:00:10.000 {"LID":1,"RID":null}']);
  });
});

describe('UNION ALL', () => {
  it('two aggregating branches write one stream; their common column type is the wider one', () => {
    const e = app(`CREATE STREAM O (K VARCHAR(8), N BIGINT);
CREATE PUMP P AS INSERT INTO O
  SELECT STREAM 'tech', COUNT(*) FROM "${SOURCE}" WHERE SECTOR = 'TECH' GROUP BY STEP("${SOURCE}".ROWTIME BY INTERVAL '1' MINUTE)
  UNION ALL
  SELECT STREAM 'all', COUNT(*) FROM "${SOURCE}" GROUP BY STEP("${SOURCE}".ROWTIME BY INTERVAL '1' MINUTE);`, 'SECTOR VARCHAR(8)');
    for (const s of ['TECH', 'RETAIL', 'TECH']) e.insert(SOURCE, [s], at('10:00:10'));
    e.advanceTime(at('10:01:00'));
    expect(drain(e)).toEqual(['10:01:00.000 {"K":"tech","N":2}', '10:01:00.000 {"K":"all","N":3}']);
  });
});

describe('engine catalog', () => {
  it('lists the streams pumps write (what outputs may name) with their stored column names', () => {
    const e = app(`CREATE STREAM "Mixed" (a INTEGER, "b" INTEGER); CREATE STREAM UNUSED (X INTEGER);
CREATE PUMP P AS INSERT INTO "Mixed" SELECT STREAM K, K FROM "${SOURCE}";`, 'K INTEGER');
    expect(e.pumpStreams()).toEqual(['Mixed']);
    expect(e.columnsOf('Mixed').map((c) => c.name)).toEqual(['A', 'b']);
  });
});
