package dev.sequent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this build of Sequent. */
public final class Sequent {

    private static final String VERSION = readVersion();

    private Sequent() {
    }

    /** Returns the Sequent version, for example {@code 0.1.0}, as recorded at build time. */
    public static String version() {
        return VERSION;
    }

    private static String readVersion() {
        try (InputStream in = Sequent.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Sequent's version.properties", e);
        }
    }
}
