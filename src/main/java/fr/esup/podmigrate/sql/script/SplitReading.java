package fr.esup.podmigrate.sql.script;

import fr.esup.podmigrate.sql.script.ScriptAnalysis.ScriptLine;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A script's statements as one {@link StatementReader} reads them, for an analysis, read by two threads when the
 * script is a large plain file: a second reader starts at a likely boundary between two statements in the script's
 * second half ({@code ;} at a line's end, an INSERT or REPLACE at the start of the next line that is neither blank nor
 * a comment, as mariadb-dump and phpMyAdmin write them), as though the client's delimiter and charset there were those
 * of the first INSERT. The first reader reads up to that place; the second one's statements are taken only if the
 * first stands exactly there, between two statements, with that delimiter and that charset: a reader opened at a
 * {@link StatementReader.Position} goes on as the one that stood there (the import's connections rely on it too).
 * Otherwise (the place was in a string, say), the second reading is dropped and the first reader goes on alone. The
 * second reader holds statements no longer than {@value #SECOND_MAX_STATEMENT_MIB} MiB and stops at a place no reader
 * can start from (an executable comment left open, the client's quit); the reading goes on from its last statement
 * with a reader of its own, which meets whatever stopped it as the first reader would have. The line numbers of the
 * second reader, which counts from 1, are those of the script.
 */
final class SplitReading implements AutoCloseable {

    /** A plain script smaller than this is read by one thread: a second one would gain a few milliseconds. */
    static final long MIN_SPLIT_BYTES = 16L << 20;
    private static final int SECOND_MAX_STATEMENT_MIB = 32;
    /** Bytes looked through for a boundary from the script's middle. */
    private static final int BOUNDARY_SEARCH_BYTES = 4 << 20;
    private static final byte[][] STATEMENT_STARTS = {
            "INSERT ".getBytes(StandardCharsets.US_ASCII), "REPLACE ".getBytes(StandardCharsets.US_ASCII)};

    /** A statement read, the reader's position after it, and the client charset it was read in. */
    record Read(SqlStatement statement, StatementReader.Position after, ClientCharset charset) {
    }

    private final Path script;
    private final long minSplitBytes;
    private final int secondMaxStatementBytes;
    private StatementReader reader;
    /** Where {@link #reader} started in the script. */
    private long readerStart;
    private int sandboxCommandsBefore;
    private final List<ScriptLine> undecodableCharsetsBefore = new ArrayList<>();
    private SecondHalf second;
    private boolean secondTried;
    /** The statements come from {@link #second}. */
    private boolean joined;
    /** {@link #second} read to the script's end, and every statement of it was taken. */
    private boolean endedBySecond;
    private boolean splitUsed;
    private Read last;
    /** The sandbox commands the second reader had counted once it read the last statement taken from it. */
    private int sandboxCommandsTaken;
    /** Likewise, the undecodable charsets. */
    private int undecodableCharsetsTaken;

    private SplitReading(Path script, long minSplitBytes, int secondMaxStatementBytes) throws IOException {
        this.script = script;
        this.minSplitBytes = minSplitBytes;
        this.secondMaxStatementBytes = secondMaxStatementBytes;
        this.reader = StatementReader.open(script).abridgingInserts();
    }

    static SplitReading open(Path script) throws IOException {
        return open(script, MIN_SPLIT_BYTES, SECOND_MAX_STATEMENT_MIB << 20);
    }

    /** @param minSplitBytes a smaller script is read by one reader; tests split small ones */
    static SplitReading open(Path script, long minSplitBytes, int secondMaxStatementBytes) throws IOException {
        return new SplitReading(script, minSplitBytes, secondMaxStatementBytes);
    }

    /** Where the reading stands before its first statement; null for a compressed script. */
    StatementReader.Position start() {
        return reader.position();
    }

    /** The next statement, or null at the end of the script. */
    Read next() throws IOException {
        if (joined) {
            SecondHalf.Item item = second.take();
            if (item != null) {
                sandboxCommandsTaken = item.sandboxCommands();
                undecodableCharsetsTaken = item.undecodableCharsets();
                last = item.read();
                return last;
            }
            if (second.reachedEnd()) {
                endedBySecond = true;
                return null;
            }
            resumeAfterSecond();
        }
        SqlStatement statement = reader.next();
        if (statement == null) {
            return null;
        }
        last = new Read(statement, reader.position(), reader.clientCharset());
        if (second != null && reader.offset() >= second.start().offset()) {
            joinOrDrop();
        } else if (!secondTried
                && (statement.kind() == StatementKind.INSERT || statement.kind() == StatementKind.REPLACE)) {
            startSecondHalf();
        }
        return last;
    }

    /** Whether the statements of the second half came from the second reader (for tests). */
    boolean splitUsed() {
        return splitUsed;
    }

    /** Bytes of the script read so far (compressed ones for a compressed script), for progress and the analysis. */
    long bytesRead() {
        if (endedBySecond) {
            return second.start().offset() + second.ending().bytesRead();
        }
        return joined ? last.after().offset() : readerStart + reader.bytesRead();
    }

    /** The bytes of SQL text read so far. */
    long offset() {
        if (endedBySecond) {
            return second.ending().offset();
        }
        return joined ? last.after().offset() : reader.offset();
    }

    long totalBytes() {
        return reader.totalBytes();
    }

    int sandboxCommands() {
        if (endedBySecond) {
            return sandboxCommandsBefore + second.ending().sandboxCommands();
        }
        return sandboxCommandsBefore + (joined ? sandboxCommandsTaken : reader.sandboxCommands());
    }

    /** Whether the script ended before its last statement's delimiter, once {@link #next()} has told its end. */
    boolean endedInsideStatement() {
        return endedBySecond ? second.ending().insideStatement() : reader.endedInsideStatement();
    }

    /** The SETs of a charset the reader cannot decode, once {@link #next()} has told the script's end. */
    List<ScriptLine> undecodableCharsets() {
        List<ScriptLine> all = new ArrayList<>(undecodableCharsetsBefore);
        all.addAll(endedBySecond ? second.ending().undecodableCharsets() : reader.undecodableCharsets());
        return List.copyOf(all.subList(0, Math.min(all.size(), ScriptAnalysis.MAX_LISTED)));
    }

    @Override
    public void close() throws IOException {
        if (second != null) {
            second.cancel();
        }
        reader.close();
    }

    /**
     * Looks, from the middle of a large plain script, for the end of a statement followed by an INSERT or a REPLACE,
     * and starts the second reader there, told the delimiter and charset of the first INSERT.
     */
    private void startSecondHalf() throws IOException {
        secondTried = true;
        StatementReader.Position here = last.after();
        long size = reader.totalBytes();
        if (here == null || size < minSplitBytes || !Arrays.equals(here.delimiter(), new byte[] {';'})) {
            return;
        }
        long boundary = boundaryAfter(Math.max(size / 2, here.offset()));
        if (boundary < 0) {
            return;
        }
        StatementReader.Position start = new StatementReader.Position(boundary, 1, here.delimiter(), false,
                here.charsets());
        second = new SecondHalf(script, start, secondMaxStatementBytes);
        Thread thread = new Thread(second, "pod-migrate-scan-second-half");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The offset just after the first {@code ;} at or after {@code from} that ends a line, whose next line that is
     * neither blank nor a {@code --} comment starts with an INSERT or a REPLACE; or -1.
     */
    private long boundaryAfter(long from) throws IOException {
        try (FileChannel channel = FileChannel.open(script, StandardOpenOption.READ)) {
            ByteBuffer window = ByteBuffer.allocate(BOUNDARY_SEARCH_BYTES);
            while (window.hasRemaining() && channel.read(window, from + window.position()) > 0) {
                // reads until the window is full or the file ends
            }
            byte[] bytes = window.array();
            int length = window.position();
            for (int i = 0; i < length; i++) {
                if (bytes[i] == ';' && startsAStatementAfter(bytes, i + 1, length)) {
                    return from + i + 1;
                }
            }
            return -1;
        }
    }

    /**
     * Whether the line ends at {@code at}, and the next line that is neither blank nor a comment starts an INSERT or a
     * REPLACE.
     */
    private static boolean startsAStatementAfter(byte[] bytes, int at, int length) {
        int i = at;
        boolean lineEnded = false;
        while (i < length) {
            if (bytes[i] == '\n' || bytes[i] == '\r') {
                lineEnded |= bytes[i] == '\n';
                i++;
            } else if (lineEnded && i + 1 < length && bytes[i] == '-' && bytes[i + 1] == '-') {
                while (i < length && bytes[i] != '\n') {
                    i++;
                }
            } else {
                break;
            }
        }
        if (!lineEnded) {
            return false;
        }
        for (byte[] start : STATEMENT_STARTS) {
            if (i + start.length <= length && Arrays.equals(bytes, i, i + start.length, start, 0, start.length)) {
                return true;
            }
        }
        return false;
    }

    /** The first reader has reached or passed where the second one started. */
    private void joinOrDrop() throws IOException {
        StatementReader.Position here = last.after();
        StatementReader.Position start = second.start();
        boolean same = here != null && here.offset() == start.offset()
                && Arrays.equals(here.delimiter(), start.delimiter()) && here.atLineStart() == start.atLineStart()
                && here.charsets().equals(start.charsets());
        if (!same) {
            second.cancel();
            second = null;
            return;
        }
        second.lineOffset(here.line() - 1);
        sandboxCommandsBefore += reader.sandboxCommands();
        undecodableCharsetsBefore.addAll(reader.undecodableCharsets());
        reader.close();
        joined = true;
        splitUsed = true;
    }

    /** The second reader stopped before the script's end: a reader of our own goes on from its last statement. */
    private void resumeAfterSecond() throws IOException {
        StatementReader.Position from = last.after();
        sandboxCommandsBefore += sandboxCommandsTaken;
        List<ScriptLine> ofSecond = second.ending().undecodableCharsets();
        undecodableCharsetsBefore.addAll(ofSecond.subList(0, Math.min(undecodableCharsetsTaken, ofSecond.size())));
        second = null;
        joined = false;
        reader = StatementReader.openAt(script, from).abridgingInserts();
        readerStart = from.offset();
    }

    /**
     * The second reader, on its own thread: its statements wait in a queue, bounded in statements and in text, for the
     * first thread to take them.
     */
    private static final class SecondHalf implements Runnable {

        private static final int MAX_QUEUED = 4096;
        private static final long MAX_QUEUED_CHARS = 8L << 20;

        /**
         * A statement with what the reader had counted once it was read: the sandbox commands and the undecodable
         * charsets, so that a reading resumed after it counts the ones after it only.
         */
        record Item(Read read, int sandboxCommands, int undecodableCharsets) {
        }

        /** The reader's counts once it stopped; its bytes read count from where it started. */
        record Ending(long bytesRead, long offset, int sandboxCommands, List<ScriptLine> undecodableCharsets,
                      boolean insideStatement) {
        }

        private final Path script;
        private final StatementReader.Position start;
        private final int maxStatementBytes;
        private final ArrayDeque<Item> queue = new ArrayDeque<>();
        private long queuedChars;
        private boolean ended;
        private boolean reachedEnd;
        private boolean cancelled;
        /** Lines to add to the second reader's, which counts from 1; known once the first reader gets there. */
        private long lineOffset = -1;
        /** What the reader had read once it stopped. */
        private Ending ending = new Ending(0, 0, 0, List.of(), false);

        SecondHalf(Path script, StatementReader.Position start, int maxStatementBytes) {
            this.script = script;
            this.start = start;
            this.maxStatementBytes = maxStatementBytes;
        }

        StatementReader.Position start() {
            return start;
        }

        @Override
        public void run() {
            boolean atEnd = false;
            StatementReader reader = null;
            try {
                reader = StatementReader.openAt(script, start, maxStatementBytes).abridgingInserts();
                while (true) {
                    SqlStatement statement = reader.next();
                    if (statement == null) {
                        atEnd = true;
                        break;
                    }
                    StatementReader.Position after = reader.position();
                    if (after == null || !put(new Item(new Read(statement, after, reader.clientCharset()),
                            reader.sandboxCommands(), reader.undecodableCharsetCount()))) {
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the reading resumes after the last statement queued, where the first thread meets what this met
                atEnd = false;
            } finally {
                synchronized (this) {
                    if (reader != null) {
                        ending = new Ending(reader.bytesRead(), reader.offset(), reader.sandboxCommands(),
                                reader.undecodableCharsets(), reader.endedInsideStatement());
                        closeQuietly(reader);
                    }
                    reachedEnd = atEnd;
                    ended = true;
                    notifyAll();
                }
            }
        }

        private static void closeQuietly(StatementReader reader) {
            try {
                reader.close();
            } catch (IOException e) {
                // read to its end or given up: nothing of it is needed any more
            }
        }

        /** Queues a statement, waiting for room; false once cancelled. */
        private synchronized boolean put(Item item) {
            while (!cancelled && (queue.size() >= MAX_QUEUED || queuedChars >= MAX_QUEUED_CHARS)) {
                if (!waitHere()) {
                    return false;
                }
            }
            if (cancelled) {
                return false;
            }
            queue.add(item);
            queuedChars += item.read().statement().text().length();
            notifyAll();
            return true;
        }

        /** The next statement, with the script's line numbers; null once the reader has ended and all are taken. */
        synchronized Item take() throws IOException {
            while (queue.isEmpty() && !ended) {
                if (!waitHere()) {
                    throw new InterruptedIOException("Script reading interrupted");
                }
            }
            Item item = queue.poll();
            if (item == null) {
                return null;
            }
            queuedChars -= item.read().statement().text().length();
            notifyAll();
            return moved(item);
        }

        private boolean waitHere() {
            try {
                wait();
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
                return false;
            }
        }

        synchronized void lineOffset(long lines) {
            lineOffset = lines;
        }

        synchronized void cancel() {
            cancelled = true;
            queue.clear();
            notifyAll();
        }

        synchronized boolean reachedEnd() {
            return ended && reachedEnd;
        }

        /** What the reader had read once it stopped, with the script's line numbers. */
        synchronized Ending ending() {
            return new Ending(ending.bytesRead(), ending.offset(), ending.sandboxCommands(),
                    ending.undecodableCharsets().stream()
                            .map(l -> new ScriptLine(l.line() + lineOffset, l.statementHead())).toList(),
                    ending.insideStatement());
        }

        private Item moved(Item item) {
            Read read = item.read();
            StatementReader.Position after = read.after();
            Read movedRead = new Read(read.statement().atLine(read.statement().line() + lineOffset),
                    new StatementReader.Position(after.offset(), after.line() + lineOffset, after.delimiter(),
                            after.atLineStart(), after.charsets()), read.charset());
            return new Item(movedRead, item.sandboxCommands(), item.undecodableCharsets());
        }
    }
}
