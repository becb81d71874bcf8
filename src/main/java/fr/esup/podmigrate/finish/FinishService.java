package fr.esup.podmigrate.finish;

import fr.esup.podmigrate.config.Databases;
import fr.esup.podmigrate.pod.DjangoModels;
import fr.esup.podmigrate.pod.PodMigrationRules;
import fr.esup.podmigrate.pod.PodServers;
import fr.esup.podmigrate.run.RunStore;
import fr.esup.podmigrate.run.StepStatus;
import fr.esup.podmigrate.run.WizardStep;
import fr.esup.podmigrate.v2.TableQueries;
import fr.esup.podmigrate.v3.ContentTypeCheck;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static fr.esup.podmigrate.pod.PodMigrationRules.ID_COLUMN;
import static fr.esup.podmigrate.sql.Identifiers.quote;

/**
 * The commands that end the migration on the Pod servers: Django's migrate (content types and permissions of v3's
 * models), restart, reindex, carry the media files over.
 */
@Service
class FinishService {

    private static final String FINISHED = "services restarted, videos reindexed and media files carried over";

    private final Databases databases;
    private final RunStore runStore;

    FinishService(Databases databases, RunStore runStore) {
        this.databases = databases;
        this.runStore = runStore;
    }

    /** The import step is done: the target holds the migrated data. */
    boolean imported() {
        return runStore.state(WizardStep.IMPORT).status() == StepStatus.DONE;
    }

    /** The verification step is done: its verdict was complete, and no wipe, restore or import came after it. */
    boolean verified() {
        return runStore.state(WizardStep.VERIFY).status() == StepStatus.DONE;
    }

    /**
     * Marks the migration finished; over a verification that is not complete, only with the operator's reason, which
     * the step and the audit log keep.
     *
     * @param reason the operator's reason, or null
     * @return false, with nothing recorded, when a reason is needed and there is none
     */
    boolean finish(String operator, String reason) {
        if (verified()) {
            runStore.record(WizardStep.FINISH, StepStatus.DONE, operator, FINISHED);
        } else if (reason == null) {
            return false;
        } else {
            runStore.record(WizardStep.FINISH, StepStatus.DONE, operator,
                    FINISHED + ", over a verification that is not complete", reason);
        }
        return true;
    }

    /** The values the page starts with: Pod's usual directories, the v2 media on the source database's host. */
    FinishForm defaults() {
        String v2Media = PodServers.mediaFolder(PodServers.V2_DIRECTORY);
        return new FinishForm(PodServers.V3_DIRECTORY, PodServers.V3_VIRTUALENV,
                databases.source().map(source -> source.host() + ":" + v2Media).orElse(v2Media));
    }

    FinishPage page(FinishForm asked) throws SQLException {
        Map<String, String> errors = asked.errors();
        FinishForm form = errors.isEmpty() ? asked : defaults();
        String domain;
        long videos;
        List<String> withoutContentType;
        try (Connection connection = databases.target().connect()) {
            JdbcClient db = TableQueries.on(connection);
            Set<String> tables = TableQueries.tables(db);
            domain = tables.contains(PodMigrationRules.SITE_TABLE)
                    ? db.sql("SELECT domain FROM " + quote(PodMigrationRules.SITE_TABLE) + " WHERE " + quote(ID_COLUMN)
                            + " = :id").param("id", PodMigrationRules.DEFAULT_SITE_ID).query(String.class).optional().orElse("")
                    : "";
            withoutContentType = ContentTypeCheck.modelsWithoutContentType(connection).stream()
                    .map(DjangoModels.Model::label).toList();
            videos = tables.contains(PodServers.INDEXED_TABLE) ? TableQueries.rowCounts(db, List.of(PodServers.INDEXED_TABLE)).get(PodServers.INDEXED_TABLE) : 0;
        }
        List<FinishPage.CommandBlock> blocks = new ArrayList<>();
        blocks.add(new FinishPage.CommandBlock("migrate", List.of("cd " + form.directory(), "workon " + form.virtualenv(),
                PodServers.MIGRATE_COMMAND)));
        blocks.add(new FinishPage.CommandBlock("restart",
                List.of("sudo systemctl restart " + String.join(" ", PodServers.SERVICES))));
        List<String> reindex = new ArrayList<>(List.of("cd " + form.directory(), "workon " + form.virtualenv()));
        reindex.addAll(PodServers.REINDEX_COMMANDS);
        blocks.add(new FinishPage.CommandBlock("reindex", reindex));
        blocks.add(new FinishPage.CommandBlock("media",
                List.of("rsync -a --info=progress2 " + form.v2Media() + " " + PodServers.mediaFolder(form.directory()))));
        return new FinishPage(asked, errors, blocks, domain, videos, withoutContentType);
    }
}
