package dev.regent.server.ui.view;

/**
 * What every page's frame shows: the title, the signed-in principal (null on the sign-in page) with the CSRF token
 * its sign-out form carries, and which navigation entry is current.
 */
public record Frame(String title, String principal, String csrf, String nav) {
    public boolean signedIn() {
        return principal != null;
    }
}
