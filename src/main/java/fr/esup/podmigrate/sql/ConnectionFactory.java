package fr.esup.podmigrate.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new connection to the target database; an import opens one per loading thread and closes them. */
@FunctionalInterface
public interface ConnectionFactory {
    Connection open() throws SQLException;
}
