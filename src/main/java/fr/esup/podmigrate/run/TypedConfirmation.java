package fr.esup.podmigrate.run;

/** The confirmation every destructive step asks for: the operator types the database's name, exactly. */
public final class TypedConfirmation {

    private TypedConfirmation() {
    }

    /**
     * Refuses, in the audit log and with {@link RefusedException}, unless {@code typed} is {@code database}.
     *
     * @param action what the step was asked to do, as the audit log names it ("wipe", "backup: restore of …")
     */
    public static void require(String database, String typed, RunStore runStore, String operator, String action) {
        if (!database.equals(typed)) {
            runStore.audit(operator, action + ": refused, the typed name did not match");
            throw new RefusedException("confirm.refused", typed, database);
        }
    }
}
