-- a script saved by an editor that writes a byte order mark
CREATE TABLE marked (id INT PRIMARY KEY, v VARCHAR(50));
INSERT INTO marked VALUES (1, 'été');
