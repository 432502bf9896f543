/** The native REST API of Regent over HTTP (Javalin): translates requests and delegates to the Registry. */
package dev.regent.server;
