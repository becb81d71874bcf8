package fr.esup.podmigrate.pod;

import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;

/** The French words, names and awkward values a university's Pod is full of. */
final class SampleText {

    /** Four-byte UTF-8 (emoji) and French typography: utf8mb3 columns or a latin1 client mangle it. */
    static final String EMOJI_TITLE = "Soutenance 🎓 : « L’été des données » en 4K 🎬😀";
    /** Quotes, a semicolon and backslashes, the last one at the very end: naive escaping breaks on it. */
    static final String ESCAPE_TITLE = "Chemin C:\\Users\\pod\\vidéo \"finale\" ; l'a dit O'Brien \\";
    static final String DUTCH_TITLE = "Inleiding tot de economie";
    static final String DUTCH_DESCRIPTION = "<p>Een cursus voor eerstejaars.</p>";

    private static final String[] FIRST_NAMES = {"Hélène", "François", "Zoë", "Jérôme", "Amélie", "Loïc", "Maëlle",
            "Noël", "Gaëlle", "Benoît", "Céline", "Rémi", "Anaïs", "Éric", "Inès", "Jean-Baptiste", "Chloé", "Léa",
            "Thibault", "Yüksel", "Ørjan", "Siobhán"};
    private static final String[] LAST_NAMES = {"Lefèvre", "Dupont", "O'Connor", "Müller", "Nguyễn", "Da Costa",
            "Martin", "Bernard", "Rousseau", "Girard", "Lemaître", "Château", "Fournier", "Kowalski", "Mercier",
            "D'Alembert", "Lévêque", "Gómez"};
    private static final String[] TOPICS = {"Économie du développement durable", "Introduction à la thermodynamique",
            "Histoire de l'art médiéval", "Droit constitutionnel", "Biologie cellulaire", "Mécanique des fluides",
            "Littérature comparée", "Probabilités et statistiques", "Géographie urbaine", "Chimie organique",
            "Sociologie des médias", "Intelligence artificielle", "Philosophie des sciences", "Anglais scientifique",
            "Physique quantique", "Méthodologie du mémoire", "Génétique des populations", "Algèbre linéaire"};
    private static final String[] KINDS = {"Cours magistral", "TD", "Conférence", "Séminaire", "Soutenance de thèse",
            "Tutoriel", "Webinaire", "Colloque", "Présentation", "Table ronde"};
    private static final String[] SENTENCES = {
            "Cette séance présente les notions fondamentales abordées au premier semestre.",
            "Les étudiants sont invités à relire le chapitre précédent avant le visionnage.",
            "L'intervenant revient sur les questions posées lors de l'examen de décembre.",
            "Diaporama disponible sur l'espace numérique de travail (ENT).",
            "Enregistré dans l'amphithéâtre Jean-Jaurès, bâtiment B, 2ᵉ étage.",
            "Merci à l'équipe du service audiovisuel pour la captation !",
            "Voir aussi : « Méthodes quantitatives », séance n°4 ; bibliographie en fin de vidéo.",
            "Durée indicative : 1 h 30 — pause à mi-parcours."};
    static final String[] TAG_WORDS = {"mathématiques", "économie", "licence", "master", "doctorat", "amphi",
            "TD", "🎓", "recherche", "pédagogie", "numérique", "santé", "droit", "langues", "sciences", "éducation",
            "biologie", "physique", "histoire", "art"};

    private final SplittableRandom random;

    SampleText(SplittableRandom random) {
        this.random = random;
    }

    String firstName() {
        return pick(FIRST_NAMES);
    }

    String lastName() {
        return pick(LAST_NAMES);
    }

    String topic() {
        return pick(TOPICS);
    }

    String videoTitle(int number) {
        return pick(KINDS) + " : " + topic() + " — séance " + number;
    }

    /** One to four HTML paragraphs, with the line breaks a rich-text editor leaves. */
    String description() {
        StringBuilder text = new StringBuilder();
        int paragraphs = 1 + random.nextInt(4);
        for (int p = 0; p < paragraphs; p++) {
            text.append("<p>").append(pick(SENTENCES)).append(' ').append(pick(SENTENCES)).append("</p>\r\n");
        }
        return text.toString();
    }

    /** A description far beyond a typical row: about {@code kilobytes} of HTML. */
    String longDescription(int kilobytes) {
        StringBuilder text = new StringBuilder(kilobytes * 1024 + 256);
        while (text.length() < kilobytes * 1024) {
            text.append("<p>").append(pick(SENTENCES)).append(" 🎬</p>\n");
        }
        return text.toString();
    }

    String sentence() {
        return pick(SENTENCES);
    }

    String hex(int length) {
        StringBuilder hex = new StringBuilder(length);
        while (hex.length() < length) {
            hex.append(Long.toHexString(random.nextLong() | Long.MIN_VALUE));
        }
        return hex.substring(0, length);
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Django's {@code slugify}: ASCII, lower case, hyphens; at most {@code maxLength} characters. */
    static String slugify(String text, int maxLength) {
        String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .replaceAll("[^A-Za-z0-9\\s-]", "").trim().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "-");
        return ascii.length() <= maxLength ? ascii : ascii.substring(0, maxLength);
    }
}
