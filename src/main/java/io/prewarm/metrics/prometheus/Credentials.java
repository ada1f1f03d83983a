package io.prewarm.metrics.prometheus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The request headers settings ask for, and the secret strings among them, so any text leaving the
 * adapter can be scrubbed of them even if a server or proxy echoes one back.
 */
record Credentials(Map<String, String> headers, List<String> secrets) {
    private static final String AUTHORIZATION = "Authorization";

    Credentials {
        headers = Map.copyOf(headers);
        secrets = List.copyOf(secrets);
    }

    static Credentials resolve(PrometheusConfig s) {
        Map<String, String> headers = new LinkedHashMap<>(s.headers());
        List<String> secrets = new ArrayList<>();
        // Header values may be tenant ids or API keys; scrub any long enough not to collide with ordinary text.
        s.headers().values().stream().filter(v -> v.length() >= 8).forEach(secrets::add);
        Optional<String> token = PrometheusConfigs.bearerToken(s).or(() -> s.bearerTokenFile().map(Credentials::readToken));
        if (token.isPresent()) {
            headers.put(AUTHORIZATION, "Bearer " + token.get());
            secrets.add(token.get());
        } else if (PrometheusConfigs.basicUsername(s).isPresent()) {
            String pair = PrometheusConfigs.basicUsername(s).get() + ":" + s.basicAuth().password().orElse("");
            String encoded = Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
            headers.put(AUTHORIZATION, "Basic " + encoded);
            secrets.add(encoded);
            s.basicAuth().password().filter(p -> !p.isEmpty()).ifPresent(secrets::add);
        }
        return new Credentials(headers, secrets);
    }

    /** {@code text} with every secret replaced. */
    String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, "<redacted>");
        }
        return out;
    }

    private static String readToken(Path file) {
        try {
            String token = Files.readString(file).strip();
            if (token.isEmpty()) {
                throw new IllegalArgumentException("reading bearer token file " + file + ": file is empty");
            }
            return token;
        } catch (IOException e) {
            // The path is configuration, not a secret; the content never appears.
            throw new IllegalArgumentException("reading bearer token file " + file + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
