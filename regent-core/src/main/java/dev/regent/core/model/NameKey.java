package dev.regent.core.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The comparison key of a model name: what two names must differ in to be two models. Names keep their case, as
 * MLflow's do, but "Fraud", "fraud" and "ｆｒａｕｄ" (full-width) would read as one model to a person approving or
 * auditing it, so the registry holds one live model per key and policy globs match keys.
 *
 * <p>The key is an approximation of Unicode's NFKC_Casefold, which Java lacks: NFKC (width and compatibility
 * forms), then upper-casing and lower-casing in {@link Locale#ROOT} (this folds 'ß' to "ss" and final 'ς' like 'σ',
 * as full case folding does, where lower-casing alone would not), then NFKC again, since case mappings can
 * produce unnormalized text. Stored keys are computed by this class: changing it needs a migration that recomputes
 * them.
 */
public final class NameKey {
    private NameKey() {
    }

    /** The key of a name (or of a policy glob, whose '*' and '?' pass through unchanged). */
    public static String of(String name) {
        String compatible = Normalizer.normalize(name, Normalizer.Form.NFKC);
        String folded = compatible.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(folded, Normalizer.Form.NFKC);
    }
}
