-- a script from Windows
CREATE TABLE windows (id INT PRIMARY KEY, v TEXT);
INSERT INTO windows VALUES (1, 'line one
line two; still
-- inside');
INSERT INTO windows VALUES (2, "ends with a backslash \
next")
;
DELIMITER ;;
CREATE TRIGGER windows_bi BEFORE INSERT ON windows FOR EACH ROW
BEGIN
  SET NEW.v = CONCAT(NEW.v, ';');
END;;
DELIMITER ;
INSERT INTO windows VALUES (3, 'after the trigger') # c
;
INSERT INTO windows VALUES (4, 'last line without newline');