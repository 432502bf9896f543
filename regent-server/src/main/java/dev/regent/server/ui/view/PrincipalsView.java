package dev.regent.server.ui.view;

import dev.regent.core.access.PrincipalRecord;
import java.util.List;

/** The principals page (admins): who exists with which roles, and the forms to add one and to issue a token. */
public record PrincipalsView(Frame frame, List<PrincipalRecord> principals, List<String> kinds, List<String> roles) {
}
