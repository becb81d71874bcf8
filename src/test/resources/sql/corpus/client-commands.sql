CREATE TABLE commands (id INT PRIMARY KEY, v VARCHAR(50))\g
INSERT INTO commands VALUES (1, 'go') \g INSERT INTO commands VALUES (2, 'ego')\G
INSERT INTO commands VALUES (99, 'cleared') \c INSERT INTO commands VALUES (3, 'after clear');
INSERT INTO commands VALUES (4, 'sandbox' \- );
INSERT INTO commands VALUES (5, NULL), (6, \N);
INSERT INTO commands VALUES (7, 'last, without delimiter')
