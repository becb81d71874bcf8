package fr.esup.podmigrate.sql.load;

import fr.esup.podmigrate.sql.script.RefusedStatement;
import fr.esup.podmigrate.sql.script.ScriptAnalysis;

import java.util.List;

/**
 * The script reaches outside the target database, or changes other rows than its own inserts or the import's
 * session: nothing of it was executed. {@link #refused()} lists the
 * offending statements (the first {@value ScriptAnalysis#MAX_LISTED} of them), {@link #refusedCount()} counts all.
 */
public final class ScriptRefusedException extends Exception {

    private final transient List<RefusedStatement> refused;
    private final long refusedCount;

    public ScriptRefusedException(List<RefusedStatement> refused, long refusedCount) {
        super(message(refused, refusedCount));
        this.refused = List.copyOf(refused);
        this.refusedCount = refusedCount;
    }

    public List<RefusedStatement> refused() {
        return refused;
    }

    public long refusedCount() {
        return refusedCount;
    }

    private static String message(List<RefusedStatement> refused, long count) {
        StringBuilder message = new StringBuilder("The script was refused: ").append(count)
                .append(count == 1 ? " statement is" : " statements are").append(" refused");
        for (RefusedStatement statement : refused.subList(0, Math.min(5, refused.size()))) {
            message.append("\n  line ").append(statement.line()).append(" (").append(statement.reason()).append("): ")
                    .append(statement.statementHead());
        }
        return message.toString();
    }
}
