package dev.regent.mcp;

/**
 * One event of the change feed as resource subscriptions see it: its sequence number, the model it changed ("" for a
 * registry-wide event) and the version it changed, or null when it names none.
 */
public record ResourceChange(long seq, String model, Long version) {
}
