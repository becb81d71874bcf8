CREATE TABLE audited (id INT PRIMARY KEY AUTO_INCREMENT, v VARCHAR(100), note VARCHAR(100));
CREATE TABLE audit_log (id INT PRIMARY KEY AUTO_INCREMENT, message VARCHAR(200));
DELIMITER ;;
CREATE TRIGGER audited_insert BEFORE INSERT ON audited FOR EACH ROW
BEGIN
  -- a comment inside the body; with a semicolon
  SET NEW.note = CONCAT('noted;', NEW.v);
  INSERT INTO audit_log (message) VALUES (CONCAT('insert ', NEW.v, '; done'));
END;;
DELIMITER ;
delimiter $$
CREATE PROCEDURE add_audited(IN value VARCHAR(100))
BEGIN
  /* a block comment ; inside */
  DECLARE i INT DEFAULT 0;
  WHILE i < 3 DO
    INSERT INTO audited (v) VALUES (CONCAT(value, ';', i));
    SET i = i + 1;
  END WHILE;
END$$
CREATE FUNCTION shout(s VARCHAR(100)) RETURNS VARCHAR(200) DETERMINISTIC
BEGIN
  RETURN CONCAT(UPPER(s), '!;');
END $$
delimiter ;
CALL add_audited('from the procedure');
INSERT INTO audited (v) VALUES (shout('from the function'));
DELIMITER //
CREATE VIEW audited_view AS SELECT id, v FROM audited WHERE v <> ';'//
DELIMITER ;
INSERT INTO audit_log (message) VALUES ((SELECT CONCAT('view rows: ', COUNT(*)) FROM audited_view));
