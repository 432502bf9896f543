package dev.regent.server;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names by which this machine is reached without DNS naming it on purpose: every address of its network
 * interfaces (IPv6 in brackets, as a Host header writes it, without a zone) and its host name, short and canonical.
 */
final class MachineNames {
    private MachineNames() {
    }

    static Set<String> current() {
        Set<String> names = new TreeSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    names.add(literal(address));
                }
            }
        } catch (SocketException e) {
            // no interface list: the loopback names and --public-url still apply
        }
        try {
            InetAddress self = InetAddress.getLocalHost();
            names.add(self.getHostName());
            names.add(self.getCanonicalHostName());
        } catch (UnknownHostException e) {
            // a host name that does not resolve: reached by address or --public-url only
        }
        return names;
    }

    static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }
}
