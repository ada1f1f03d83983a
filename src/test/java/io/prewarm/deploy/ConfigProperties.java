package io.prewarm.deploy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The configuration properties prewarm knows: every property of every {@code @ConfigMapping} interface in
 * {@code io.prewarm} (map keys as {@code *}), the keys of application.properties (Quarkus' own) and the few
 * names read directly, and their environment variable forms.
 */
final class ConfigProperties {
    /** Read by name rather than through a mapping: {@code Guard} reads the all-scope token. */
    static final Set<String> READ_DIRECTLY = Set.of("PREWARM_API_TOKEN");

    private ConfigProperties() {
    }

    /** The {@code @ConfigMapping} interfaces of the application (nested ones too). */
    static List<Class<?>> mappings() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.prewarm").stream()
                .filter(c -> c.isAnnotatedWith(ConfigMapping.class))
                .map(JavaClass::reflect)
                .sorted((a, b) -> a.getName().compareTo(b.getName()))
                .toList();
    }

    private static Set<String> names;

    /** Every property name, {@code *} standing for a map key: {@code prewarm.emergency.tokens.*.secret}. */
    static synchronized Set<String> names() {
        if (names == null) {
            names = Set.copyOf(load());
        }
        return names;
    }

    private static Set<String> load() {
        Set<String> names = new TreeSet<>();
        for (Class<?> mapping : mappings()) {
            collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, names);
        }
        Properties app = new Properties();
        try (InputStream in = ConfigProperties.class.getResourceAsStream("/application.properties")) {
            app.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : app.stringPropertyNames()) {
            names.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        return names;
    }

    private static void collect(String prefix, Class<?> group, Set<String> out) {
        for (Method m : group.getMethods()) {
            if (m.isDefault() || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0) {
                continue;
            }
            WithName renamed = m.getAnnotation(WithName.class);
            String name = prefix + "." + (renamed != null ? renamed.value() : kebab(m.getName()));
            Type type = m.getGenericReturnType();
            if (raw(type) == Optional.class) {
                type = argument(type, 0);
            }
            if (raw(type) == Map.class) {
                Type value = argument(type, 1);
                if (isGroup(raw(value))) {
                    collect(name + ".*", raw(value), out);
                } else {
                    out.add(name + ".*");
                }
            } else if (isGroup(raw(type))) {
                collect(name, raw(type), out);
            } else {
                out.add(name);
            }
        }
    }

    private static boolean isGroup(Class<?> c) {
        return c.isInterface() && !c.getName().startsWith("java.");
    }

    private static Class<?> raw(Type t) {
        return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
    }

    private static Type argument(Type t, int i) {
        return ((ParameterizedType) t).getActualTypeArguments()[i];
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }

    /** The environment variable a property name becomes (SmallRye: upper case, other characters {@code _}). */
    static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        for (char ch : property.toCharArray()) {
            if (ch == '*') {
                regex.append("[A-Z0-9_]+");
            } else if (Character.isLetterOrDigit(ch)) {
                regex.append(Character.toUpperCase(ch));
            } else {
                regex.append('_');
            }
        }
        return Pattern.compile(regex.toString());
    }

    /** Whether an environment variable (or a property key) names a property prewarm reads. */
    static boolean known(String nameOrKey, Set<String> names) {
        if (READ_DIRECTLY.contains(nameOrKey)) {
            return true;
        }
        for (String property : names) {
            if (envPattern(property).matcher(nameOrKey).matches()
                    || Pattern.compile(property.replace(".", "\\.").replace("*", "[^.]+")).matcher(nameOrKey).matches()) {
                return true;
            }
        }
        return false;
    }
}
