package dev.taskapi.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What the benchmark reports about the machine and its processes, read from /proc. */
final class Machine {

    private Machine() {
    }

    /** The 1-, 5- and 15-minute load averages. */
    static String loadAverage() {
        String[] fields = read("/proc/loadavg").trim().split("\\s+");
        return fields[0] + " / " + fields[1] + " / " + fields[2];
    }

    /** VmRSS of {@code pid} in kB: what the process has in memory now. */
    static long rssKb(long pid) {
        return read("/proc/" + pid + "/status").lines()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow(() -> new IllegalStateException("No VmRSS for process " + pid));
    }

    static String cpuModel() {
        return read("/proc/cpuinfo").lines().filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    }

    static String memory() {
        long kb = read("/proc/meminfo").lines().filter(line -> line.startsWith("MemTotal:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
    }

    static String describe() {
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpuModel() + "), " + memory() + " memory, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version");
    }

    /** A python3 that can import boto3: Debian's first (python3-boto3), then the one on the PATH. */
    static Optional<String> pythonWithBoto3() {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process process = new ProcessBuilder(candidate, "-c", "import boto3").redirectErrorStream(true).start();
                process.getInputStream().readAllBytes();
                if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not installed there; try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The version line of {@code python}, e.g. "Python 3.11.2, boto3 1.26.27". */
    static String pythonVersion(String python) {
        try {
            Process process = new ProcessBuilder(python, "-c",
                    "import sys, boto3; print('Python %d.%d.%d, boto3 %s' % (sys.version_info[:3] + (boto3.__version__,)))")
                    .redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path + " (the benchmark needs Linux)", e);
        }
    }
}
