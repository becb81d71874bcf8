package fr.esup.podmigrate.connection;

import fr.esup.podmigrate.pod.DatabaseKind;
import fr.esup.podmigrate.pod.TargetShape;
import fr.esup.podmigrate.run.ByteSize;

/**
 * What a connection test found: either the precise failure, or the server's figures and what
 * the database looks like (for a Pod v3, which layout: it decides the v2→v3 renames). {@code detail} is the server's own message, never a password.
 */
public record ConnectionReport(
        DatabaseRole role,
        ConnectionFailure failure,
        String detail,
        String serverVersion,
        String charset,
        String collation,
        long maxAllowedPacket,
        int tableCount,
        DatabaseKind kind,
        TargetShape v3Shape) {

    static ConnectionReport failed(DatabaseRole role, ConnectionFailure failure, String detail) {
        return new ConnectionReport(role, failure, detail, null, null, null, 0, 0, null, null);
    }

    public boolean succeeded() {
        return failure == null;
    }

    /** The settings look swapped: a target that looks like v2, or a source that looks like v3. */
    public boolean looksSwapped() {
        return succeeded() && (role == DatabaseRole.TARGET ? kind == DatabaseKind.POD_V2 : kind == DatabaseKind.POD_V3);
    }

    /** The database is not what its role needs (beyond a swap): an unknown schema, or an empty source. */
    public boolean looksForeign() {
        return succeeded() && (kind == DatabaseKind.OTHER || (role == DatabaseRole.SOURCE && kind == DatabaseKind.EMPTY));
    }

    public ByteSize shownMaxAllowedPacket() {
        return new ByteSize(maxAllowedPacket);
    }
}
