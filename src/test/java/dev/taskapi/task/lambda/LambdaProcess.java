package dev.taskapi.task.lambda;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * One execution environment's runtime: a child JVM started as Lambda's managed Java runtime starts
 * it. Lambda's runtime interface client ({@code com.amazonaws:aws-lambda-java-runtime-interface-client})
 * is the main class and the only thing on the class path; it loads the function from its working
 * directory ({@code /var/task} in Lambda: the unzipped function.zip, its classes at the root and
 * its jars in {@code lib/}) with a class loader of its own, as Lambda does. The environment holds
 * the function's variables plus Lambda's reserved ones, and the JVM flags are Lambda's.
 * Standard output and error go to a log file, as they would go to CloudWatch Logs.
 */
public final class LambdaProcess implements AutoCloseable {

    /** The runtime client reads this property for a JNI library that is already unpacked. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** One class from each jar the runtime client needs: itself, aws-lambda-java-core and its own dependencies. */
    private static final List<String> RUNTIME_CLASSES = List.of(MAIN_CLASS,
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal",
            "software.amazon.awssdk.annotations.SdkInternalApi");
    /** Variables Lambda sets itself; a template that sets one would not deploy. */
    private static final Set<String> RESERVED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION",
            "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_FORMAT",
            "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    private static final DateTimeFormatter LOG_STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

    private final RuntimeApiEmulator.Environment environment;
    private final Process process;
    private final Path log;

    private LambdaProcess(RuntimeApiEmulator.Environment environment, Process process, Path log) {
        this.environment = environment;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the runtime of {@code function} for a new environment of {@code api} named {@code name},
     * logging to {@code log}. {@code jniLibrary} is the runtime client's JNI library, unpacked once
     * with {@link #unpackJniLibrary}. Returns at once; {@link #awaitInit} waits for the start.
     */
    public static LambdaProcess start(LambdaFunction function, RuntimeApiEmulator api, String name, Path jniLibrary,
            Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags(function.memorySize()));
        command.add("-D" + JNI_PROPERTY + "=" + jniLibrary.toAbsolutePath());
        command.addAll(List.of("-classpath", runtimeClasspath(), MAIN_CLASS, function.handler()));
        return startCommand(function, command, api, name, log);
    }

    /**
     * Starts {@code command} as the runtime of a new environment of {@code api}, in the function's
     * task root and with Lambda's environment, as {@link #start} starts the Java runtime client: for
     * a runtime of another language, such as the benchmark's Python peer.
     */
    public static LambdaProcess startCommand(LambdaFunction function, List<String> command, RuntimeApiEmulator api,
            String name, Path log) {
        RuntimeApiEmulator.Environment environment = api.newEnvironment(name);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(function.taskRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        // Nothing of the caller's environment leaks in: Lambda starts the runtime with its own.
        builder.environment().clear();
        builder.environment().putAll(environment(function, environment.runtimeApi()));
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = builder.start();
            LambdaProcess lambda = new LambdaProcess(environment, process, log);
            process.onExit().thenRun(() -> {
                String cause = "the runtime exited with code " + process.exitValue() + "; see " + log;
                environment.initFailed(cause);
                api.abandon(environment, cause);
            });
            return lambda;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JVM flags of Lambda's managed Java runtimes: serial GC, C1 only, CDS, a heap of 85% of the memory. */
    static List<String> jvmFlags(int memorySize) {
        return List.of("-XX:MaxHeapSize=" + memorySize * 85 / 100 + "m", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:TieredStopAtLevel=1", "-Djava.net.preferIPv4Stack=true");
    }

    /** The environment Lambda gives the runtime: the function's variables and Lambda's own. */
    static Map<String, String> environment(LambdaFunction function, String runtimeApi) {
        List<String> reserved = function.variables().keySet().stream()
                .filter(RESERVED::contains)
                .collect(Collectors.toList());
        if (!reserved.isEmpty()) {
            throw new IllegalArgumentException("Lambda reserves these variables, a deployment would fail: " + reserved);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        variables.put("LANG", "en_US.UTF-8");
        variables.put("TZ", ":UTC");
        variables.put("_HANDLER", function.handler());
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        variables.put("AWS_REGION", function.region());
        variables.put("AWS_DEFAULT_REGION", function.region());
        variables.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySize()));
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        variables.put("AWS_LAMBDA_LOG_FORMAT", function.logFormat());
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.name());
        variables.put("AWS_LAMBDA_LOG_STREAM_NAME", LOG_STREAM_DATE.format(LocalDate.now(ZoneOffset.UTC))
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        // The execution role's temporary credentials; a local DynamoDB takes any.
        variables.put("AWS_ACCESS_KEY_ID", "local");
        variables.put("AWS_SECRET_ACCESS_KEY", "local");
        variables.put("AWS_SESSION_TOKEN", "local");
        variables.put("LAMBDA_TASK_ROOT", function.taskRoot().toAbsolutePath().toString());
        variables.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        variables.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        variables.putAll(function.variables());
        return variables;
    }

    /** Waits until the function has initialised (see {@link RuntimeApiEmulator.Environment#awaitInit}). */
    public Duration awaitInit(Duration limit) {
        try {
            return environment.awaitInit(limit);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + "\n--- " + log + " ---\n" + logTail(60), e);
        }
    }

    public RuntimeApiEmulator.Environment environment() {
        return environment;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** What the runtime has written to standard output and error so far. */
    public List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String logTail(int lines) {
        List<String> all = logLines();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The runtime client's jars, found where this JVM loaded their classes from. */
    static String runtimeClasspath() {
        return RUNTIME_CLASSES.stream().map(LambdaProcess::jarOf).distinct().collect(Collectors.joining(File.pathSeparator));
    }

    private static String jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("The runtime interface client needs " + className + " on the test class path", e);
        }
    }

    /**
     * Unpacks the runtime client's JNI library for this machine into {@code dir}, once. Each runtime
     * client otherwise unpacks it to the same {@code /tmp} path as it starts, and runtimes starting
     * together overwrite the library another one has mapped: that one dies with SIGBUS.
     */
    public static synchronized Path unpackJniLibrary(Path dir) {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        boolean arm = arch.equals("aarch64") || arch.equals("arm64");
        String name = "libaws-lambda-jni.linux-" + (arm ? "aarch_64" : "x86_64") + ".so";
        Path target = dir.resolve(name);
        if (Files.isRegularFile(target)) {
            return target;
        }
        try (InputStream in = loadRuntimeClass().getResourceAsStream("/jni/" + name)) {
            if (in == null) {
                throw new IllegalStateException("No /jni/" + name + " in the runtime interface client");
            }
            Files.createDirectories(dir);
            // Written aside then moved, so no runtime ever maps a half-written library.
            Path partial = Files.createTempFile(dir, name, ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Class<?> loadRuntimeClass() {
        try {
            return Class.forName(MAIN_CLASS);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("aws-lambda-java-runtime-interface-client is not on the test class path", e);
        }
    }

    /** Unzips {@code zip} into {@code dir}, emptied first, as Lambda unpacks function.zip into /var/task. */
    public static Path unzip(Path zip, Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> paths = Files.walk(dir)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(dir);
            Path root = dir.toAbsolutePath().normalize();
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
                for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IllegalStateException("Zip entry outside the target folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target);
                    }
                }
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A function as Lambda would run it.
     *
     * @param name       the function's name
     * @param runtime    its Runtime, e.g. {@code java21}
     * @param taskRoot   the unzipped function.zip
     * @param handler    its Handler
     * @param memorySize its MemorySize in MB
     * @param logFormat  its LoggingConfig's LogFormat: {@code TEXT} or {@code JSON}
     * @param region     the region it runs in
     * @param variables  its environment variables
     */
    public record LambdaFunction(String name, String runtime, Path taskRoot, String handler, int memorySize,
            String logFormat, String region, Map<String, String> variables) {
    }
}
