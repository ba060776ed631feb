#!/usr/bin/perl
# msaspec: a stub resolver on 127.0.0.1:53 that answers every query NXDOMAIN at once.
# Courier's own resolver (rfc1035) waits out its timeouts when no server answers, and courieresmtp
# looks names up even for a literal smarthost; with this nothing leaves the container and no delivery
# waits on DNS.
use strict;
use warnings;
use IO::Socket::INET;

my $socket = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 53, Proto => 'udp')
    or die "msaspec: no-dns: cannot bind 127.0.0.1:53: $!\n";
while (1) {
    my $query;
    my $peer = $socket->recv($query, 512);
    next unless defined $peer && length($query) >= 12;
    my ($id, $flags, $questions) = unpack('n n n', $query);
    # A response (QR) with the query's opcode and RD, recursion available, RCODE 3 (NXDOMAIN); the question echoed.
    my $reply_flags = 0x8000 | ($flags & 0x7900) | 0x0080 | 3;
    $socket->send(pack('n6', $id, $reply_flags, $questions, 0, 0, 0) . substr($query, 12), 0, $peer);
}
