package network.mmc.jobs.reports;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reads SVG charts as XML, for assertions on their structure rather than their bytes. */
final class SvgDocuments {

    private static final Pattern EMBEDDED = Pattern.compile("src=\"data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)\"");

    private SvgDocuments() {
    }

    /** The root element of an SVG document; fails on anything that is not well-formed XML. */
    static Element parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg))).getDocumentElement();
    }

    static int width(Element svg) {
        return (int) Double.parseDouble(svg.getAttribute("width"));
    }

    static int height(Element svg) {
        return (int) Double.parseDouble(svg.getAttribute("height"));
    }

    /** min-x, min-y, width and height of the view box, which makes the picture scale to any size it is shown at. */
    static List<Double> viewBox(Element svg) {
        return Arrays.stream(svg.getAttribute("viewBox").trim().split("[\\s,]+")).map(Double::valueOf).toList();
    }

    /** The content of every {@code text} element: titles, axis labels, tick labels. */
    static List<String> texts(Element svg) {
        NodeList texts = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < texts.getLength(); i++) {
            contents.add(texts.item(i).getTextContent());
        }
        return contents;
    }

    /** The SVG documents an HTML page embeds as {@code data:} URIs, in page order. */
    static List<String> embedded(String html) {
        Matcher matcher = EMBEDDED.matcher(html);
        List<String> svgs = new ArrayList<>();
        while (matcher.find()) {
            svgs.add(new String(Base64.getDecoder().decode(matcher.group(1)), StandardCharsets.UTF_8));
        }
        return svgs;
    }
}
