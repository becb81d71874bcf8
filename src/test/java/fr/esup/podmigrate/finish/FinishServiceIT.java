package fr.esup.podmigrate.finish;

import fr.esup.podmigrate.pod.PodTestDatabase;
import fr.esup.podmigrate.pod.PodVersion;
import fr.esup.podmigrate.run.RunFixture;
import fr.esup.podmigrate.run.RunStore;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FinishServiceIT {

    @Test
    void theCommandsCarryTheRunsValues() throws Exception {
        try (PodTestDatabase target = PodTestDatabase.blank(PodVersion.V3_8_4);
             RunFixture run = RunFixture.on(target, target)) {
            try (Connection c = target.connect(); Statement s = c.createStatement()) {
                s.execute("SET SESSION foreign_key_checks = 0, sql_mode = ''");
                s.execute("UPDATE django_site SET domain = 'pod.univ-exemple.fr' WHERE id = 1");
                s.execute("INSERT INTO video_video (id, title, slug) VALUES (1, 'a', 'a'), (2, 'b', 'b'), (3, 'c', 'c')");
            }
            FinishService service = new FinishService(run.databases, new RunStore(run.workspace));
            FinishForm defaults = service.defaults();
            assertThat(defaults).isEqualTo(new FinishForm("/usr/local/django_projects/podv3", "django_pod3",
                    run.databases.target().host() + ":/usr/local/django_projects/podv2/pod/media/"));

            FinishPage page = service.page(new FinishForm("/srv/pod", "pod3", "old-pod:/srv/podv2/pod/media/"));
            assertThat(page.domain()).isEqualTo("pod.univ-exemple.fr");
            assertThat(page.videos()).isEqualTo(3);
            assertThat(page.errors()).isEmpty();
            assertThat(page.blocks()).extracting(FinishPage.CommandBlock::key, FinishPage.CommandBlock::lines).containsExactly(
                    tuple("migrate", List.of("cd /srv/pod", "workon pod3", "python manage.py migrate")),
                    tuple("restart", List.of("sudo systemctl restart uwsgi-pod celeryd rabbitmq-server redis")),
                    tuple("reindex", List.of("cd /srv/pod", "workon pod3", "python manage.py create_pod_index",
                            "python manage.py index_videos --all")),
                    tuple("media", List.of("rsync -a --info=progress2 old-pod:/srv/podv2/pod/media/ /srv/pod/pod/media/")));
        }
    }

    @Test
    void valuesAShellWouldSplitAreRefusedAndPodsUsualOnesUsed() throws Exception {
        try (PodTestDatabase target = PodTestDatabase.blank(PodVersion.V3_8_4); RunFixture run = RunFixture.on(target, null)) {
            FinishPage page = new FinishService(run.databases, new RunStore(run.workspace)).page(new FinishForm("srv/pod", "pod 3", "$(rm -rf ~)"));
            assertThat(page.errors()).isEqualTo(Map.of("directory", "finish.form.directory.invalid",
                    "virtualenv", "finish.form.virtualenv.invalid", "v2Media", "finish.form.v2Media.invalid"));
            assertThat(page.form().virtualenv()).isEqualTo("pod 3");
            assertThat(page.blocks().get(3).text()).isEqualTo("rsync -a --info=progress2"
                    + " /usr/local/django_projects/podv2/pod/media/ /usr/local/django_projects/podv3/pod/media/");
            assertThat(page.domain()).isEqualTo("example.com");
            assertThat(page.videos()).isZero();
        }
    }
}
