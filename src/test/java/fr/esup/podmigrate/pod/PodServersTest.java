package fr.esup.podmigrate.pod;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodServersTest {

    @Test
    void mediaFolderIsBelowTheDirectoryWithOneTrailingSlash() {
        assertThat(PodServers.mediaFolder(PodServers.V3_DIRECTORY)).isEqualTo("/usr/local/django_projects/podv3/pod/media/");
        assertThat(PodServers.mediaFolder("/srv/pod//")).isEqualTo("/srv/pod/pod/media/");
    }

    @Test
    void everyNameAndCommandPastesIntoAShellAsItIs() {
        List<String> words = new ArrayList<>(PodServers.SERVICES);
        words.addAll(List.of(PodServers.V3_DIRECTORY, PodServers.V2_DIRECTORY, PodServers.V3_VIRTUALENV));
        PodServers.REINDEX_COMMANDS.forEach(command -> words.addAll(List.of(command.split(" "))));
        assertThat(words).allMatch(word -> word.matches("[A-Za-z0-9_./-]+"));
    }
}
