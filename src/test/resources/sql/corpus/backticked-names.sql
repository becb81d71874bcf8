CREATE TABLE `semi;colon` (`id;key` INT PRIMARY KEY, `quote'd` VARCHAR(50), `dash--dash` INT, `hash#name` INT);
INSERT INTO `semi;colon` VALUES (1, 'a', 2, 3);
INSERT INTO `semi;colon` (`id;key`, `quote'd`, `dash--dash`, `hash#name`) VALUES (2, 'b', 4, 6);
CREATE TABLE `back``tick` (`co``l` VARCHAR(50), `/*not a comment*/` INT);
INSERT INTO `back``tick` VALUES ('x', 1), ('y', 2);
CREATE TABLE `ünïcödé` (`é` INT);
INSERT INTO `ünïcödé` VALUES (1), (2), (3);
CREATE TABLE `back\slash` (`a\` INT);
INSERT INTO `back\slash` VALUES (1);
