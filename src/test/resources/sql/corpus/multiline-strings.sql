CREATE TABLE pages (id INT PRIMARY KEY, content TEXT);
INSERT INTO pages VALUES (1, '<h1>Title</h1>
<p>A paragraph; with a semicolon</p>
-- not a comment
# not a comment either
/* nor a block comment */
DELIMITER ;;
<p>The end;</p>');
INSERT INTO pages VALUES (2, "double
quoted; over
lines"), (3, 'line ending with a backslash \
continues');
INSERT INTO pages VALUES (4, '
leading newline'), (5, 'trailing newline
');
INSERT INTO pages
VALUES
(6,
'values over lines'
)
;
