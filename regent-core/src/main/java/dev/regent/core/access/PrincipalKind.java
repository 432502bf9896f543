package dev.regent.core.access;

/** What kind of actor a principal is; policy treats agents (AI tools) differently from people. */
public enum PrincipalKind {
    USER,
    SERVICE,
    AGENT
}
