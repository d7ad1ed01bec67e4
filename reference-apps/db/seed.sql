-- Deterministic seed of the workload contract: the same rows on every load.
-- No random(): every value is a pure function of the row number, so two
-- databases seeded from this file are byte-identical and two frameworks read
-- the same data.

-- world: 10,000 rows; randomnumber in 1..10000 from a fixed linear congruential
-- sequence (the glibc constants), i.e. "random-looking" but reproducible.
INSERT INTO world (id, randomnumber)
SELECT i, 1 + ((i::bigint * 1103515245 + 12345) % 2147483648) % 10000
FROM generate_series(1, 10000) AS i;

-- fortune: the 12 standard TechEmpower fortunes, verbatim.
INSERT INTO fortune (id, message) VALUES
 (1, 'fortune: No such file or directory'),
 (2, 'A computer scientist is someone who fixes things that aren''t broken.'),
 (3, 'After enough decimal places, nobody gives a damn.'),
 (4, 'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1'),
 (5, 'A computer program does what you tell it to do, not what you want it to do.'),
 (6, 'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen'),
 (7, 'Any program that runs right is obsolete.'),
 (8, 'A list is only as strong as its weakest link. — Donald Knuth'),
 (9, 'Feature: A bug with seniority.'),
 (10, 'Computers make very fast, very accurate mistakes.'),
 (11, '<script>alert("This should not be displayed in a browser alert box.");</script>'),
 (12, 'フレームワークのベンチマーク');

-- author: 100 rows, "Author 1" .. "Author 100".
INSERT INTO author (id, name)
SELECT i, 'Author ' || i FROM generate_series(1, 100) AS i;

-- article: 10,000 rows; article i belongs to author ((i - 1) % 100) + 1,
-- its body length varies with i (about 45 to 700 characters), and it was
-- created i minutes after 2024-01-01T00:00:00Z (whole seconds, UTC).
INSERT INTO article (id, title, body, author_id, created_at)
SELECT i,
       'Article ' || i,
       'Body of article ' || i || '. ' || repeat(md5(i::text) || ' ', 1 + i % 20),
       ((i - 1) % 100) + 1,
       timestamptz '2024-01-01 00:00:00+00' + make_interval(mins => i)
FROM generate_series(1, 10000) AS i;

-- identity columns continue after the explicit ids above
SELECT setval(pg_get_serial_sequence('author', 'id'), 100);
SELECT setval(pg_get_serial_sequence('article', 'id'), 10000);

ANALYZE;
