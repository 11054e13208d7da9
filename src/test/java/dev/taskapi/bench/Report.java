package dev.taskapi.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes the benchmark's results: {@code results.md}, {@code latency.png} and {@code samples.csv}. */
final class Report {

    /** Everything one run measured. */
    record Run(String date, String machine, String loadBefore, String loadAfter, String python,
            Map<String, List<Double>> cold, Map<String, List<Double>> warm, Map<String, Long> rssAfterWarmUpKb,
            Map<String, Long> rssKb, Map<String, Long> zipBytes, Map<String, List<Double>> scaling, int scaleTasks,
            int warmUp, List<String> notes, Map<String, List<Double>> coldInit, Map<String, List<Double>> coldFirst,
            String arguments) {
    }

    private Report() {
    }

    static void write(Path out, Run run) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("results.md"), markdown(run), StandardCharsets.UTF_8);
            Files.writeString(out.resolve("samples.csv"), csv(run), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, double[]> warm = new LinkedHashMap<>();
        run.warm().forEach((name, values) -> warm.put(name, array(values)));
        Map<String, double[]> cold = new LinkedHashMap<>();
        run.cold().forEach((name, values) -> cold.put(name, array(values)));
        LatencyPlot.write(out.resolve("latency.png"), "Task API vs floor vs Python peer, as Lambda runs them (" + run.date()
                + ", " + Runtime.getRuntime().availableProcessors() + " cores, load " + run.loadBefore() + ")", warm, cold);
    }

    static String markdown(Run run) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Run ").append(run.date()).append(" on commit ")
                .append(System.getenv().getOrDefault("BENCH_COMMIT", "unknown")).append(" by `bench/run.sh")
                .append(run.arguments().isBlank() ? "" : " " + run.arguments()).append("`. Machine: ").append(run.machine())
                .append(". Load average (1/5/15 min) before: ").append(run.loadBefore()).append(", after: ")
                .append(run.loadAfter()).append(". Python peer: ").append(run.python()).append(".\n\n");
        md.append("Every figure is a median over interleaved trials (the variants take turns, so load on the machine "
                + "hits them alike). Latency is end to end: from queuing the API Gateway event on the Runtime API "
                + "emulator to the runtime posting its answer.\n\n");

        md.append("## Summary\n\n");
        md.append("| | ours | floor | Python peer | ours / floor | target |\n|---|---|---|---|---|---|\n");
        double coldOurs = median(run.cold().get("ours"));
        double coldFloor = median(run.cold().get("floor"));
        md.append(row("Cold start (median of " + run.cold().get("ours").size() + ")", ms(coldOurs), ms(coldFloor),
                run.cold().containsKey("python") ? ms(median(run.cold().get("python"))) : "–",
                ratio(coldOurs, coldFloor), verdict(coldOurs / coldFloor <= 1.10, "≤ 1.10×")));
        double getOurs = median(run.warm().get("ours GET"));
        double getFloor = median(run.warm().get("floor GET"));
        String python = run.warm().containsKey("python GET") ? ms(median(run.warm().get("python GET"))) : "–";
        boolean notSlowerThanPython = !run.warm().containsKey("python GET")
                || getOurs <= median(run.warm().get("python GET"));
        md.append(row("Warm GET p50", ms(getOurs), ms(getFloor), python, ratio(getOurs, getFloor),
                verdict(getOurs / getFloor <= 1.10, "≤ 1.10×") + ", " + verdict(notSlowerThanPython, "≤ Python")));
        double p99Ours = percentile(run.warm().get("ours GET"), 99);
        double p99Floor = percentile(run.warm().get("floor GET"), 99);
        md.append(row("Warm GET p99", ms(p99Ours), ms(p99Floor),
                run.warm().containsKey("python GET") ? ms(percentile(run.warm().get("python GET"), 99)) : "–",
                ratio(p99Ours, p99Floor), ""));
        md.append(row("RSS after warm-up", mb(run.rssKb().get("ours")), mb(run.rssKb().get("floor")),
                run.rssKb().containsKey("python") ? mb(run.rssKb().get("python")) : "–",
                ratio(run.rssKb().get("ours"), run.rssKb().get("floor")), "reported"));
        md.append(row("Deployment package", size(run.zipBytes().get("ours")), size(run.zipBytes().get("floor")),
                run.zipBytes().containsKey("python") ? size(run.zipBytes().get("python")) + " (boto3 is in the runtime)" : "–",
                ratio(run.zipBytes().get("ours"), run.zipBytes().get("floor")), "reported"));
        md.append('\n');

        md.append("## Warm latency (").append(run.warm().values().iterator().next().size()).append(" requests each, after ")
                .append(run.warmUp()).append(" rounds of warm-up)\n\n");
        md.append("| Request | p50 | p90 | p99 | max |\n|---|---|---|---|---|\n");
        run.warm().forEach((name, values) -> md.append("| ").append(name).append(" | ").append(ms(percentile(values, 50)))
                .append(" | ").append(ms(percentile(values, 90))).append(" | ").append(ms(percentile(values, 99)))
                .append(" | ").append(ms(percentile(values, 100))).append(" |\n"));
        md.append("\nours GET is `GET /tasks/{id}`, POST is `POST /tasks`, list is `GET /tasks?limit=20` (100 tasks "
                + "stored for that owner); the floor and the peer answer `GET /items/{id}` with one GetItem.\n\n");

        if (run.cold().size() > 3 || !run.cold().containsKey("python") && run.cold().size() > 2) {
            md.append("## Builds compared (each against the floor of the same run)\n\n");
            md.append("| Build | cold start | / floor | GET p50 | / floor | POST p50 | list p50 | RSS |\n"
                    + "|---|---|---|---|---|---|---|---|\n");
            run.cold().keySet().stream().filter(name -> run.warm().containsKey(name + " POST")).forEach(name -> {
                double cold = median(run.cold().get(name));
                double get = median(run.warm().get(name + " GET"));
                md.append(row(name, ms(cold), ratio(cold, coldFloor), ms(get), ratio(get, getFloor),
                        ms(median(run.warm().get(name + " POST"))), ms(median(run.warm().get(name + " list"))),
                        mb(run.rssKb().get(name))));
            });
            md.append('\n');
        }

        md.append("## Cold start (process start to first answered request)\n\n");
        md.append("| Variant | median | min | max | runs | init (to the first poll) | first request |\n"
                + "|---|---|---|---|---|---|---|\n");
        run.cold().forEach((name, values) -> md.append("| ").append(name).append(" | ").append(ms(median(values)))
                .append(" | ").append(ms(percentile(values, 0))).append(" | ").append(ms(percentile(values, 100)))
                .append(" | ").append(values.size()).append(" | ").append(ms(median(run.coldInit().get(name))))
                .append(" | ").append(ms(median(run.coldFirst().get(name)))).append(" |\n"));
        md.append("\nInit and first request are medians of their own, so they need not add up to the total's median.\n");
        md.append('\n');

        md.append("## Memory (VmRSS)\n\n| Variant | after warm-up | after the measured requests |\n|---|---|---|\n");
        run.rssKb().forEach((name, kb) -> md.append("| ").append(name).append(" | ")
                .append(mb(run.rssAfterWarmUpKb().get(name))).append(" | ").append(mb(kb)).append(" |\n"));
        md.append('\n');

        md.append("## Scaling: list latency by how many tasks the owner has\n\n");
        md.append("| Stored tasks | p50 | p99 |\n|---|---|---|\n");
        run.scaling().forEach((name, values) -> md.append("| ").append(name).append(" | ").append(ms(percentile(values, 50)))
                .append(" | ").append(ms(percentile(values, 99))).append(" |\n"));
        List<List<Double>> lists = List.copyOf(run.scaling().values());
        double scale = median(lists.get(1)) / median(lists.get(0));
        md.append(String.format(Locale.ROOT, "%nRatio of p50s, %d tasks / 100 tasks: **%.2f×** (target ≤ 1.5×: %s).%n%n",
                run.scaleTasks(), scale, scale <= 1.5 ? "met" : "not met"));

        if (!run.notes().isEmpty()) {
            md.append("## Notes\n\n");
            run.notes().forEach(note -> md.append("- ").append(note).append('\n'));
            md.append('\n');
        }
        md.append("![Latency distribution](latency.png)\n");
        return md.toString();
    }

    private static String csv(Run run) {
        StringBuilder csv = new StringBuilder("phase,series,index,millis\n");
        run.cold().forEach((name, values) -> append(csv, "cold", name, values));
        run.warm().forEach((name, values) -> append(csv, "warm", name, values));
        run.scaling().forEach((name, values) -> append(csv, "scaling", name, values));
        return csv.toString();
    }

    private static void append(StringBuilder csv, String phase, String name, List<Double> values) {
        for (int i = 0; i < values.size(); i++) {
            csv.append(phase).append(',').append(name).append(',').append(i).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", values.get(i))).append('\n');
        }
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String verdict(boolean met, String target) {
        return target + (met ? " met" : " **not met**");
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    static double percentile(List<Double> values, double p) {
        return p == 0 ? LatencyPlot.percentile(array(values), 0.0001) : LatencyPlot.percentile(array(values), p);
    }

    private static double[] array(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f ms", millis) : String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static String mb(long kb) {
        return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
    }

    private static String size(long bytes) {
        return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0)
                : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
    }

    private static String ratio(double ours, double floor) {
        return String.format(Locale.ROOT, "%.2f×", ours / floor);
    }
}
