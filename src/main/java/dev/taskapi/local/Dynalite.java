package dev.taskapi.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The local DynamoDB for dev mode and the tests: dynalite (npm, MIT), pinned by
 * {@code dynalite/package-lock.json}, installed with {@code npm ci} on first use and run with the
 * machine's Node.js. Never used in Lambda. Amazon's DynamoDB Local is not used: its licence is not
 * open source.
 */
public final class Dynalite implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Dynalite.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String MISSING_NODE = "The local DynamoDB (dynalite) needs Node.js 20 or later and npm on the PATH. "
            + "Install Node.js (https://nodejs.org or your package manager), or set QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE "
            + "to a DynamoDB endpoint you run yourself.";

    private final Process process;
    private final int port;

    private Dynalite(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts dynalite on {@code port} of the loopback interface, in memory or, with {@code dataDir},
     * persisted there. Returns once it accepts connections.
     */
    public static Dynalite start(int port, Optional<Path> dataDir) {
        Path home = home();
        Path cli = install(home);
        List<String> command = new ArrayList<>(List.of(node(), cli.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        dataDir.ifPresent(dir -> {
            createDirectories(dir);
            command.addAll(List.of("--path", dir.toString()));
        });
        try {
            Path log = Files.createDirectories(home.resolve("..").resolve("target")).resolve("dynalite-" + port + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Dynalite dynalite = new Dynalite(process, port);
            dynalite.awaitListening();
            LOG.infof("Local DynamoDB (dynalite) listening on %s%s", dynalite.endpoint(),
                    dataDir.map(dir -> ", data in " + dir).orElse(", in memory"));
            return dynalite;
        } catch (IOException e) {
            throw new IllegalStateException(MISSING_NODE, e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether something already accepts connections on {@code port} of the loopback interface. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!isListening(port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited with code " + process.exitValue()
                        + " before listening on port " + port + "; see target/dynalite-" + port + ".log");
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("dynalite did not listen on port " + port + " within " + START_TIMEOUT);
            }
            sleep(50);
        }
    }

    /** The folder holding package.json and package-lock.json, found from the working directory up. */
    private static Path home() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("dynalite");
            if (Files.isRegularFile(candidate.resolve("package-lock.json"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("No dynalite/package-lock.json above " + Path.of("").toAbsolutePath()
                + "; run from the project folder or set QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE.");
    }

    /** Installs the locked dynalite with {@code npm ci} unless it is installed already. */
    private static synchronized Path install(Path home) {
        Path cli = home.resolve("node_modules/dynalite/cli.js");
        if (Files.isRegularFile(cli)) {
            return cli;
        }
        LOG.info("Installing the local DynamoDB (dynalite) with npm ci, once");
        try {
            Process npm = new ProcessBuilder(npm(), "ci", "--no-audit", "--no-fund", "--loglevel=error")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("npm-ci.log").toFile())
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isRegularFile(cli)) {
                throw new IllegalStateException("npm ci failed in " + home + "; see " + home.resolve("npm-ci.log"));
            }
            return cli;
        } catch (IOException e) {
            throw new IllegalStateException(MISSING_NODE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing dynalite", e);
        }
    }

    private static String node() {
        return isWindows() ? "node.exe" : "node";
    }

    private static String npm() {
        return isWindows() ? "npm.cmd" : "npm";
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for dynalite", e);
        }
    }
}
