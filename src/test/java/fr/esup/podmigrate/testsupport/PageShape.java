package fr.esup.podmigrate.testsupport;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * What an answer must look like: a full page has the layout and exactly one {@code <h1>}; an htmx answer is only the
 * fragment its {@code hx-target} swaps, without the layout, the page's {@code <main>} or its {@code <h1>}, or else the
 * page nests inside itself at each swap.
 */
public final class PageShape {

    /** The side bar sent to be swapped out of band, as an answer that changed a step's status sends it: not layout. */
    private static final Pattern OUT_OF_BAND_STEPS = Pattern.compile("<nav class=\"steps\"[^>]*hx-swap-oob=\"true\"");
    private static final Pattern HTMX_FORM = Pattern.compile("<form[^>]*hx-post=[^>]*>");

    private PageShape() {
    }

    /** A full page: the steps bar and exactly one {@code <h1>}. */
    public static Matcher<String> fullPage() {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String html) {
                return html.contains("<nav class=\"steps\"") && occurrences(html, "<h1") == 1;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a full page with the steps bar and exactly one <h1");
            }
        };
    }

    /** An htmx answer starting with the element whose id is {@code id}, with no layout, {@code <main>} or {@code <h1>}. */
    public static Matcher<String> fragment(String id) {
        return fragmentStartingWith("id=\"" + id + "\"");
    }

    /** An htmx answer whose first tag holds {@code attribute}, with no layout, {@code <main>} or {@code <h1>}. */
    public static Matcher<String> fragmentStartingWith(String attribute) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String html) {
                String start = html.stripLeading();
                String layout = OUT_OF_BAND_STEPS.matcher(html).replaceAll("");
                return start.startsWith("<") && start.substring(0, start.indexOf('>') + 1).contains(attribute)
                        && !html.contains("<html") && !layout.contains("<nav class=\"steps\"") && !html.contains("<main")
                        && !html.contains("<h1");
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("only a fragment whose first tag holds " + attribute + ", without the layout, <main> or <h1");
            }
        };
    }

    /** At least one htmx form, and every one disables its button and shows an indicator while its request is pending. */
    public static Matcher<String> pendingShownOnEveryHtmxForm() {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String html) {
                List<String> forms = HTMX_FORM.matcher(html).results().map(MatchResult::group).toList();
                return !forms.isEmpty() && forms.stream()
                        .allMatch(form -> form.contains("hx-disabled-elt=\"find button\"") && form.contains("hx-indicator=\""));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("htmx forms, each with hx-disabled-elt=\"find button\" and an hx-indicator");
            }
        };
    }

    private static int occurrences(String html, String tag) {
        int count = 0;
        for (int at = html.indexOf(tag); at >= 0; at = html.indexOf(tag, at + 1)) {
            count++;
        }
        return count;
    }
}
