package network.mmc.jobs.console;

import network.mmc.jobs.errors.NotFoundException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * One page of a console table, numbered from 1 as people count, of {@code size} rows out of {@code total};
 * {@code link} is the table's address without its page. Public: templates read it.
 */
public record Paging(int page, int size, long total, String link) {

    static final int MAX_PAGE = 1_000_000;

    /** The page asked for in a query parameter. */
    static int number(String text) {
        int page;
        try {
            page = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("page must be a whole number from 1, got '" + text + "'");
        }
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, got " + page);
        }
        // the rows before the page are counted in an int by the queries: no table here holds this many
        if (page > MAX_PAGE) {
            throw new IllegalArgumentException("page must be at most " + MAX_PAGE + ", got " + page);
        }
        return page;
    }

    /** The page, once the table's size is known: a page past the last is not found (page 1 of nothing is empty). */
    static Paging of(String rows, int page, int size, long total, String link) {
        Paging paging = new Paging(page, size, total, link);
        if (page > paging.last()) {
            throw new NotFoundException("there is no page " + page + " of " + rows + ": the " + total + " there are"
                    + " fit on " + (paging.last() == 1 ? "page 1" : "pages 1 to " + paging.last()));
        }
        return paging;
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    public long last() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < last();
    }

    public String href(long number) {
        return UriComponentsBuilder.fromUriString(link).replaceQueryParam("page", number).build().toUriString();
    }
}
