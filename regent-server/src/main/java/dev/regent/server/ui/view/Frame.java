package dev.regent.server.ui.view;

/**
 * What every page's frame shows: the title, the signed-in principal (null on the sign-in page) with the CSRF token
 * its forms carry, which navigation entry is current, and whether the principal administers the registry.
 */
public record Frame(String title, String principal, String csrf, String nav, boolean admin) {
    public boolean signedIn() {
        return principal != null;
    }
}
