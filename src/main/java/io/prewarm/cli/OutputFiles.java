package io.prewarm.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files the command line writes, opened with an error that says why a file cannot be written (exit 2). */
final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Opens {@code file} for writing (created or truncated). A missing folder, a folder in the way or a
     * permission problem is invalid input: {@code OPTION: writing FILE: folder DIR does not exist}; the
     * option prefix is left out when {@code option} is null.
     */
    static OutputStream open(String option, Path file) {
        String prefix = (option == null ? "" : option + ": ") + "writing " + file + ": ";
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.exists(dir)) {
            throw new InvalidInputException(prefix + "folder " + dir + " does not exist");
        }
        if (dir != null && !Files.isDirectory(dir)) {
            throw new InvalidInputException(prefix + dir + " is not a folder");
        }
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(prefix + "it is a folder");
        }
        try {
            return Files.newOutputStream(file);
        } catch (AccessDeniedException e) {
            throw new InvalidInputException(prefix + "permission denied");
        } catch (IOException e) {
            throw new InvalidInputException(prefix + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
    }
}
