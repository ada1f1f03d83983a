package io.prewarm.cli;

import picocli.CommandLine;

/** Version from the jar manifest (Maven sets Implementation-Version), or "dev". */
public class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = PrewarmCommand.class.getPackage().getImplementationVersion();
        return new String[] {"prewarm " + (v == null ? "dev" : v)};
    }
}
