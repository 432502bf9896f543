package dev.regent.server.ui.view;

/** One gate as the policy states it: its kind and what it requires. */
public record GateLine(String kind, String requirement) {
}
