package fr.esup.podmigrate.v3;

import fr.esup.podmigrate.pod.DjangoModels;
import fr.esup.podmigrate.v2.TableQueries;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.util.List;
import java.util.Set;

import static fr.esup.podmigrate.sql.Identifiers.quote;

/**
 * The v3 models a migrated database has no content type for: the import brings v2's {@code django_content_type} and
 * {@code auth_permission}, which know nothing of the models v3 added, until Django's {@code post_migrate} creates
 * theirs. The finish step lists them, and so does the verification.
 */
public final class ContentTypeCheck {

    private ContentTypeCheck() {
    }

    /** The models of the database's tables without a content type row, by table name; all of them without the table. */
    public static List<DjangoModels.Model> modelsWithoutContentType(Connection connection) {
        JdbcClient db = TableQueries.on(connection);
        Set<String> tables = TableQueries.tables(db);
        List<DjangoModels.Model> contentTypes = tables.contains(DjangoModels.CONTENT_TYPE_TABLE)
                ? db.sql("SELECT app_label, model FROM " + quote(DjangoModels.CONTENT_TYPE_TABLE))
                        .query((rs, row) -> new DjangoModels.Model(rs.getString(1), rs.getString(2))).list()
                : List.of();
        return DjangoModels.withoutContentType(tables, contentTypes);
    }
}
