package dev.regent.core.audit.tree;

import dev.regent.core.audit.checkpoint.Cosignature;
import dev.regent.core.audit.checkpoint.InvalidNote;
import dev.regent.core.audit.checkpoint.WitnessKey;
import dev.regent.core.error.RegentException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The witnesses a registry (or an auditor) trusts to cosign its checkpoints, as configured: their names and
 * cosignature/v1 public keys. Two witnesses may not share a name: a signature line names its signer, and the name
 * with the key ID must pick out one key.
 */
public record Witnesses(List<WitnessKey> keys) {
    public static final Witnesses NONE = new Witnesses(List.of());

    public Witnesses {
        keys = List.copyOf(keys);
        for (int i = 0; i < keys.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (keys.get(i).name().equals(keys.get(j).name())) {
                    throw RegentException.invalid("witness '" + keys.get(i).name() + "' is configured twice: each witness "
                            + "has one name and one key");
                }
            }
        }
    }

    /** Parses witness keys in the form name+hash+base64(0x04 || key); throws INVALID_ARGUMENT naming the bad one. */
    public static Witnesses parse(List<String> texts) {
        List<WitnessKey> keys = new ArrayList<>();
        for (String t : texts) {
            if (t.isBlank()) {
                continue;
            }
            try {
                keys.add(WitnessKey.parse(t));
            } catch (InvalidNote e) {
                throw RegentException.invalid("witness key: " + e.getMessage());
            }
        }
        return new Witnesses(keys);
    }

    /** The configured witness whose name and key ID the cosignature carries, if any. */
    public Optional<WitnessKey> of(Cosignature c) {
        return keys.stream().filter(c::isBy).findFirst();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }
}
