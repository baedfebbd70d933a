package dev.sequent.layers;

/** Checks user-given layer names, which become the first part of weight names. */
final class LayerNames {

    private LayerNames() {
    }

    static String check(String name) {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("Layer name must be non-blank and must not contain '/', but was '"
                    + name + "'; weight names are built as <layer>/<weight>.");
        }
        return name;
    }
}
