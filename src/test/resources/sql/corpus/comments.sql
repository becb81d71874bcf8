-- A script full of comments
#  hash comment ; with a delimiter
/* block comment ; with a delimiter
   and 'an unbalanced quote
*/
CREATE TABLE commented ( -- a trailing comment ; here
  id INT PRIMARY KEY, # another ; one
  v VARCHAR(100) /* inline ; comment */ NOT NULL
);
INSERT INTO commented VALUES (1, 'one') -- after the values ;
;
INSERT INTO commented VALUES (2, 'two'); -- after the delimiter
INSERT INTO commented VALUES (3, 'three');# hash after the delimiter
INSERT INTO commented VALUES (4, 'four');/* block after the delimiter */
INSERT INTO commented VALUES (5--1, 'dash dash without blank is minus minus');
INSERT INTO commented VALUES (7, 'dash dash at the end of the line')--
;
--no blank: a comment at the start of a statement for the client
INSERT INTO commented VALUES (8, 'after a dash dash line');
INSERT INTO commented VALUES (9, CONCAT('a', /* mid */ 'b'));
INSERT INTO commented VALUES (10/* glued */, 'glued');
INSERT INTO commented VALUES (11, 'x' /* a /*/ still the comment */);
/* a comment alone */ INSERT INTO commented VALUES (12, 'led by a comment');
INSERT INTO commented VALUES (13,
/* a comment
   over lines */ 'after a multi-line comment');
INSERT INTO commented VALUES (14, '	tab') --	tab comment
;
