-- Rows an import may load with LOAD DATA: every literal a dump writes, and values the server changes.
/*!40101 SET NAMES utf8mb4 */;
SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO';
CREATE TABLE `literal_text` (`id` INT PRIMARY KEY, `s` VARCHAR(200), `t` TEXT, `n` INT NULL) DEFAULT CHARSET=utf8mb4;
INSERT INTO `literal_text` VALUES (1,'plain',NULL,NULL),
(2,'it\'s','two''quotes''',-7),
(3,'),(','\', \'',0),
(4,'NULL','',NULL),
(5,'back\\slash\\','\\',5),
(6,'line\nbreak\r\ttab','\0nul\Zsub\bback',6),
(7,'quote at end''','''',7),
(8,'dq \"x\"','"raw dq"',8),
(9,'é ü ñ 漢字','emoji 😀 four bytes',9),
(10,'real
newline','x',10),
(11,'','',-0);
INSERT INTO `literal_text` VALUES (12,'second statement',NULL,12),(13,'a,b','c)d',13);
INSERT INTO `literal_text` (`id`, `s`, `t`, `n`) VALUES
(14, 'phpMyAdmin, spaced', 'it''s', 14),
(15, '', NULL, NULL);
INSERT INTO `literal_text` (`n`,`id`) VALUES (16,16),(17,17);
CREATE TABLE `literal_numbers` (`id` INT PRIMARY KEY, `i` INT, `d` DECIMAL(10,3), `f` DOUBLE, `day` DATE, `at` DATETIME(6)) DEFAULT CHARSET=utf8mb4;
INSERT INTO `literal_numbers` VALUES (1,-2147483648,-1.5,1e10,'2024-02-29','2024-02-29 23:59:59.123456'),
(2,2147483647,0.001,-2.5E-3,'1970-01-01','1970-01-01 00:00:00'),
(3,1.5,12.3456,3.25,'0000-00-00','0000-00-00 00:00:00'),
(4,'42','7','8e1',NULL,NULL);
-- values the server changes: each warns, so the import runs these INSERTs as they are written
INSERT INTO `literal_numbers` VALUES (5,99999999999,1.23456,1,'2024-02-30','x'),(6,2.5,-0.0005,2,'2023-13-01',NULL);
INSERT INTO `literal_text` VALUES (20,'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',NULL,20);
CREATE TABLE `literal_latin1` (`id` INT PRIMARY KEY, `s` VARCHAR(50)) DEFAULT CHARSET=latin1;
INSERT INTO `literal_latin1` VALUES (1,'café'),(2,'naïve'),(3,'€ euro'),(4,'漢字 not latin1');
INSERT IGNORE INTO `literal_latin1` VALUES (4,'duplicate, ignored'),(5,'after the duplicate');
