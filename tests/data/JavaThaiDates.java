// Independent oracle for dropout_model.thaidate.format_date (tests/test_thaidate.py).
//
// Prints, for each date, the th-TH ThaiBuddhist formatting of JDK java.time:
//   iso <TAB> d MMMM yyyy <TAB> d MMM yy <TAB> dd/MM/yyyy
//
//   java tests/data/JavaThaiDates.java --sample > tests/data/java_thai_dates.tsv
//       the committed, reproducible sample (seeded; see sample() below)
//   printf '2023-01-31\n' | java tests/data/JavaThaiDates.java
//       the dates read from standard input, one ISO date a line
//
// JDK 11+ runs this single source file directly; no javac step is needed.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.chrono.ThaiBuddhistChronology;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

public class JavaThaiDates {
    static final Locale TH = new Locale("th", "TH");
    static final DateTimeFormatter LONG = fmt("d MMMM yyyy");
    static final DateTimeFormatter SHORT = fmt("d MMM yy");
    static final DateTimeFormatter NUMERIC = fmt("dd/MM/yyyy");

    static DateTimeFormatter fmt(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, TH).withChronology(ThaiBuddhistChronology.INSTANCE);
    }

    static List<LocalDate> sample() {
        List<LocalDate> dates = new ArrayList<>();
        // Every month (first and last day) of years around the edges that matter.
        int[] years = {1583, 1600, 1700, 1888, 1889, 1900, 1940, 1941, 1999, 2000, 2022, 2023, 2024,
                       2042, 2057, 2099, 2100, 2400, 4000, 8999, 9000};
        for (int y : years) {
            for (int m = 1; m <= 12; m++) {
                LocalDate first = LocalDate.of(y, m, 1);
                dates.add(first);
                dates.add(first.withDayOfMonth(first.lengthOfMonth()));
            }
        }
        // Leap days and year ends.
        for (int y : new int[] {1600, 2000, 2024, 2400, 8996}) dates.add(LocalDate.of(y, 2, 29));
        dates.add(LocalDate.of(1583, 1, 1));
        dates.add(LocalDate.of(9000, 12, 31));
        // A fixed seeded sample, uniform over the days of 1583-01-01 .. 9000-12-31.
        long lo = LocalDate.of(1583, 1, 1).toEpochDay();
        long hi = LocalDate.of(9000, 12, 31).toEpochDay();
        Random random = new Random(2566L);
        for (int i = 0; i < 3000; i++) {
            dates.add(LocalDate.ofEpochDay(lo + (long) (random.nextDouble() * (hi - lo + 1))));
        }
        return dates;
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        List<LocalDate> dates;
        if (args.length == 1 && args[0].equals("--sample")) {
            dates = sample();
            out.println("# java " + System.getProperty("java.version")
                    + ": iso, d MMMM yyyy, d MMM yy, dd/MM/yyyy (th-TH, ThaiBuddhistChronology)");
        } else {
            dates = new ArrayList<>();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) dates.add(LocalDate.parse(line.strip()));
            }
        }
        for (LocalDate d : dates) {
            out.println(d + "\t" + LONG.format(d) + "\t" + SHORT.format(d) + "\t" + NUMERIC.format(d));
        }
        out.flush();
    }
}
