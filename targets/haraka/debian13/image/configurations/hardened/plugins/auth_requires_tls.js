// Keeps AUTH out of cleartext sessions whatever the client's address (RFC 4954 section 4,
// RFC 8314 section 3). auth/flat_file exempts localhost and RFC 1918 clients from its own TLS check,
// so a client on a private network (an office LAN, the Docker bridge) is offered AUTH PLAIN and
// LOGIN before STARTTLS. List this plugin after the auth plugin in config/plugins.

exports.hook_capabilities = (next, connection) => {
    if (!connection.tls.enabled) {
        connection.capabilities = connection.capabilities.filter((c) => !/^AUTH\b/i.test(c));
        delete connection.notes.allowed_auth_methods;
    }
    next();
};

// Reached by AUTH only when no auth plugin took it, i.e. before TLS: refuse as RFC 3207 section 4 says.
exports.hook_unrecognized_command = (next, connection, params) => {
    if (connection.tls.enabled || String(params[0]).toUpperCase() !== 'AUTH') return next();
    connection.respond(530, '5.7.0 Must issue a STARTTLS command first', () => next(OK));
};
