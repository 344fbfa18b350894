package network.mmc.jobs.console;

/**
 * One page of a console table: {@code page} counts from 0, as in the REST API; {@code size} rows a page, at most
 * the table's maximum. A page past the end is shown empty, with a link back to the first.
 */
record TablePage(int page, int size, long total) {

    static TablePage of(int page, int size, int maxSize, long total) {
        if (page < 0) {
            throw new IllegalArgumentException("page must be 0 or more (pages count from 0), got " + page);
        }
        if (size < 1 || size > maxSize) {
            throw new IllegalArgumentException("size must be between 1 and " + maxSize + " rows, got " + size);
        }
        return new TablePage(page, size, total);
    }

    long offset() {
        return (long) page * size;
    }

    public long pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < pages();
    }

    public boolean pastTheEnd() {
        return page >= pages();
    }

    /** Row numbers shown, from 1: "rows 51–100 of 230". */
    public long firstRow() {
        return Math.min(total, offset() + 1);
    }

    public long lastRow() {
        return Math.min(total, offset() + size);
    }
}
