package org.energytrace.ingest.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.RecordFormatException;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the values of the first sheet of an XLSX workbook, streaming its XML (SAX) so that a large
 * sheet is never held as a document: numbers, text, and dates (numbers with a date format,
 * converted with the workbook's 1900 or 1904 date system); a formula gives its cached value. The
 * archive is checked before anything is inflated: POI's {@link ZipSecureFile} refuses entries that
 * expand more than 100 times or beyond {@link #MAX_ENTRY_BYTES}, and reading stops at a row cap.
 */
public final class XlsxSheet {
  /** How the refusal of a file that is not a readable workbook starts. */
  public static final String UNREADABLE = "not a readable XLSX file: ";

  /** No entry of an uploaded workbook needs more (a 50 000-row sheet is about 8 MiB of XML). */
  static final long MAX_ENTRY_BYTES = 32L << 20;

  private static final Logger LOG = LoggerFactory.getLogger(XlsxSheet.class);

  /**
   * The archive limits, set where a workbook is opened rather than when this class loads. POI 5.5
   * keeps them process-wide ({@link ZipSecureFile}'s static setters; {@code OPCPackage.open} of a
   * stream takes no limits of its own); ingest opens workbooks here only, so every open sets the
   * same values just before it reads.
   */
  private static void limitArchive() {
    ZipSecureFile.setMinInflateRatio(0.01);
    ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    ZipSecureFile.setMaxFileCount(1_000);
  }

  /** Why an archive that expands too far is refused (POI's ZipSecureFile and array limits). */
  public static final String ZIP_BOMB =
      "an entry expands beyond 32 MiB or more than 100 times its packed size, or the archive has"
          + " more than 1000 entries: refused as a zip bomb";

  /** Why any other file that is not a workbook POI can read is refused. */
  static final String DAMAGED = "not an Office Open XML workbook (.xlsx), or a damaged one";

  /** Whether POI stopped because the archive expands too far (a zip bomb or a huge entry). */
  private static boolean expandsTooFar(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (c instanceof RecordFormatException
          || m.contains("zip bomb")
          || m.contains("maximum length")
          || m.contains("too many")
          || m.contains("exceed")) {
        return true;
      }
    }
    return false;
  }

  /** The value of a non-empty cell. */
  public sealed interface Value permits Text, Number, When {}

  public record Text(String text) implements Value {}

  public record Number(double value) implements Value {}

  /** A number in a date format, as the local date and time it stands for. */
  public record When(LocalDateTime at) implements Value {}

  /**
   * A row with at least one value.
   *
   * @param row Excel's row number (1 = the first row)
   * @param cells values by column index (0 = column A)
   */
  public record SheetRow(int row, SortedMap<Integer, Value> cells) {}

  /** The file is not a workbook that can be read, or is too large: the message says which. */
  public static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  // XML 1.0 cannot carry U+0000, so a text cell never starts with these tags
  private static final String NUMBER = "\u0000N";
  private static final String DATE = "\u0000D";

  private XlsxSheet() {}

  /**
   * @param maxRows the most non-empty rows read (header included); more → {@link Unreadable}
   */
  public static List<SheetRow> read(byte[] content, int maxRows) throws Unreadable {
    OPCPackage pkg = null;
    limitArchive();
    try {
      pkg = OPCPackage.open(new ByteArrayInputStream(content));
      XSSFReader reader = new XSSFReader(pkg);
      boolean date1904;
      try (InputStream workbook = reader.getWorkbookData()) {
        date1904 = date1904(workbook);
      }
      Iterator<InputStream> sheets = reader.getSheetsData();
      if (!sheets.hasNext()) {
        return List.of();
      }
      Rows rows = new Rows(date1904, maxRows);
      try (InputStream sheet = sheets.next()) {
        XMLReader parser = XMLHelper.newXMLReader();
        parser.setContentHandler(
            new XSSFSheetXMLHandler(
                reader.getStylesTable(),
                reader.getSharedStringsTable(),
                rows,
                new Tagged(),
                false));
        parser.parse(new InputSource(sheet));
      }
      return rows.rows;
    } catch (TooManyRows e) {
      throw new Unreadable(
          "the first sheet has more than "
              + (maxRows - 1)
              + " data rows: split it into files of at most "
              + (maxRows - 1)
              + " rows");
    } catch (IOException
        | ParserConfigurationException
        | OpenXML4JException
        | SAXException
        | RuntimeException e) {
      // POI's own messages (and classes) stay in the log: the caller gets one of ours
      LOG.info("unreadable XLSX upload: {}", e.toString());
      throw new Unreadable(UNREADABLE + (expandsTooFar(e) ? ZIP_BOMB : DAMAGED));
    } finally {
      if (pkg != null) {
        pkg.revert(); // read only: close() would try to save the package
      }
    }
  }

  private static boolean date1904(InputStream workbook)
      throws IOException, SAXException, ParserConfigurationException {
    boolean[] found = {false};
    XMLReader parser = XMLHelper.newXMLReader();
    parser.setContentHandler(
        new DefaultHandler() {
          @Override
          public void startElement(String uri, String local, String qName, Attributes a) {
            if ("workbookPr".equals(local)) {
              String v = a.getValue("date1904");
              found[0] |= "1".equals(v) || "true".equalsIgnoreCase(v);
            }
          }
        });
    parser.parse(new InputSource(workbook));
    return found[0];
  }

  /** Thrown from inside the SAX parse to stop reading a sheet that is too long. */
  private static final class TooManyRows extends RuntimeException {
    TooManyRows() {
      super(null, null, false, false);
    }
  }

  /** Tags numbers as numbers or dates instead of formatting them for display. */
  private static final class Tagged extends DataFormatter {
    @Override
    public String formatRawCellContents(double value, int formatIndex, String formatString) {
      return tag(value, formatIndex, formatString);
    }

    @Override
    public String formatRawCellContents(
        double value, int formatIndex, String formatString, boolean use1904Windowing) {
      return tag(value, formatIndex, formatString);
    }

    private static String tag(double value, int formatIndex, String formatString) {
      boolean date =
          DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value);
      return (date ? DATE : NUMBER) + Double.toString(value);
    }
  }

  private static final class Rows implements SheetContentsHandler {
    final boolean date1904;
    final int maxRows;
    final List<SheetRow> rows = new ArrayList<>();
    SortedMap<Integer, Value> cells;
    int nextColumn;

    Rows(boolean date1904, int maxRows) {
      this.date1904 = date1904;
      this.maxRows = maxRows;
    }

    @Override
    public void startRow(int rowNum) {
      cells = new TreeMap<>();
      nextColumn = 0;
    }

    @Override
    public void endRow(int rowNum) {
      if (cells.isEmpty()) {
        return;
      }
      if (rows.size() == maxRows) {
        throw new TooManyRows();
      }
      rows.add(new SheetRow(rowNum + 1, cells));
    }

    @Override
    public void cell(String ref, String value, XSSFComment comment) {
      int column = ref == null ? nextColumn : new CellReference(ref).getCol();
      nextColumn = column + 1;
      if (value == null) {
        return;
      }
      Value v;
      if (value.startsWith(NUMBER)) {
        v = new Number(Double.parseDouble(value.substring(NUMBER.length())));
      } else if (value.startsWith(DATE)) {
        double serial = Double.parseDouble(value.substring(DATE.length()));
        v = new When(DateUtil.getLocalDateTime(serial, date1904, true));
      } else if (value.isBlank()) {
        return;
      } else {
        v = new Text(value);
      }
      cells.put(column, v);
    }
  }
}
