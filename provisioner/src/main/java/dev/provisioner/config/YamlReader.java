package dev.provisioner.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads one YAML file into {@link YamlNode}s, rejecting what a stack file must not be before any
 * YAML is parsed: a folder, a file over {@link #MAX_FILE_BYTES}, bytes that are not UTF-8, an
 * empty file, or tabs in indentation.
 *
 * <p>Anchors and aliases are allowed, but an alias reuses the anchored node instead of copying
 * it, and a file whose aliases would expand to more than {@link #MAX_ALIAS_EXPANSION} nodes, or
 * which uses more than {@link #MAX_ALIASES} aliases, is rejected while it is read. That stops
 * "billion laughs" documents before anything expands them.
 */
final class YamlReader {

  /** Largest file read, 10 MiB. */
  static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  /** Maximum number of aliases in one file, SnakeYAML's default limit for collections. */
  static final int MAX_ALIASES = 50;

  /** Maximum number of nodes that aliases may add to a document when expanded. */
  static final int MAX_ALIAS_EXPANSION = 100_000;

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final YAMLFactory FACTORY = newFactory();
  private static final JsonFactory JSON_FACTORY = new JsonFactory();

  private final Path displayBase;

  /**
   * @param displayBase folder that file names in messages are shown relative to
   */
  YamlReader(Path displayBase) {
    this.displayBase = displayBase.toAbsolutePath().normalize();
  }

  private static YAMLFactory newFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowRecursiveKeys(false);
    // SnakeYAML's default limit is 3 MB of code points; our own byte limit applies first.
    options.setCodePointLimit((int) MAX_FILE_BYTES + 1);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  /** Returns the file name as messages show it: relative to the display base when possible. */
  Path displayPath(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    if (absolute.getRoot() != null && absolute.getRoot().equals(displayBase.getRoot())) {
      Path relative = displayBase.relativize(absolute);
      return relative.toString().isEmpty() ? absolute : relative;
    }
    return absolute;
  }

  /** Returns a position in {@code file}. */
  SourcePosition position(Path file, int line, int column) {
    return new SourcePosition(displayPath(file), line, column);
  }

  /**
   * Reads {@code file}, which is described as {@code kind} in messages ("stack file", "module
   * file", "variables file").
   *
   * @throws ConfigException naming the file, line and column of the first problem
   */
  YamlNode read(Path file, String kind) {
    String text = readText(file, kind);
    // JSON files, which often indent with tabs, are read with the JSON parser: SnakeYAML
    // rejects a tab at the start of a line even inside braces, where JSON allows it.
    boolean json = file.getFileName().toString().endsWith(".json");
    if (!json) {
      checkIndentation(file, text);
    }
    return parse(file, text, kind, json);
  }

  /** Returns the SHA-256 input for {@code file}: its bytes, as {@link #read} saw them. */
  static byte[] bytes(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  private String readText(Path file, String kind) {
    SourcePosition start = position(file, 1, 1);
    if (Files.isDirectory(file)) {
      throw new ConfigException(start, "this is a folder, not a " + kind,
          "name the YAML file itself");
    }
    byte[] bytes;
    try {
      long size = Files.size(file);
      if (size > MAX_FILE_BYTES) {
        throw new ConfigException(start,
            "the " + kind + " is " + size + " bytes, over the limit of " + MAX_FILE_BYTES
                + " bytes (10 MiB)",
            "split it into modules");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new ConfigException(start, kind + " not found", "check the path");
    } catch (IOException e) {
      throw new ConfigException(start, "cannot read the " + kind + ": " + e.getMessage(),
          "check the file's permissions");
    }
    String text = decodeUtf8(file, bytes, kind);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return text;
  }

  private String decodeUtf8(Path file, byte[] bytes, String kind) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    out.flip();
    if (result.isError()) {
      // The decoder stops at the first bad byte, so what it produced so far locates it.
      String before = out.toString();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < before.length(); i++) {
        if (before.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      int offset = in.position();
      throw new ConfigException(position(file, line, before.length() - lineStart + 1),
          String.format("the %s is not valid UTF-8 (byte 0x%02X at offset %d)",
              kind, bytes[offset] & 0xFF, offset),
          "save the file as UTF-8");
    }
    return out.toString();
  }

  private void checkIndentation(Path file, String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      for (int column = 0; column < line.length(); column++) {
        char c = line.charAt(column);
        if (c == '\t') {
          if (!line.isBlank() && line.strip().charAt(0) != '#') {
            throw new ConfigException(position(file, i + 1, column + 1),
                "tab character in indentation",
                "YAML indents with spaces only; replace the tab with spaces");
          }
          break;
        }
        if (c != ' ') {
          break;
        }
      }
    }
  }

  private YamlNode parse(Path file, String text, String kind, boolean json) {
    try (JsonParser parser = json ? JSON_FACTORY.createParser(text)
        : FACTORY.createParser(text)) {
      Session session = new Session(file, parser);
      if (parser.nextToken() == null) {
        throw new ConfigException(position(file, 1, 1), "the " + kind + " is empty",
            emptyFix(kind));
      }
      YamlNode root = session.readValue();
      if (root instanceof YamlNode.Scalar scalar && scalar.isNull()) {
        throw new ConfigException(position(file, 1, 1), "the " + kind + " is empty",
            emptyFix(kind));
      }
      if (parser.nextToken() != null) {
        throw new ConfigException(session.tokenPosition(),
            "the " + kind + " holds more than one YAML document",
            "remove the '---' separator and everything after it, or merge the documents");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntaxError(file, e, json ? "JSON" : "YAML");
    } catch (IOException e) {
      throw new ConfigException(position(file, 1, 1),
          "cannot read the " + kind + ": " + e.getMessage(), "check the file");
    }
  }

  private static String emptyFix(String kind) {
    return kind.equals("stack file")
        ? "a stack needs at least the keys 'stack' and 'resources'"
        : "write a YAML mapping into it";
  }

  private ConfigException syntaxError(Path file, JsonProcessingException e, String language) {
    Throwable cause = e.getCause();
    if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
      Mark mark = marked.getProblemMark();
      String problem = marked.getProblem();
      String context = marked.getContext();
      String detail = context == null ? problem : context + ", " + problem;
      return new ConfigException(
          position(file, mark.getLine() + 1, mark.getColumn() + 1),
          "invalid YAML: " + detail.replace('\n', ' '),
          "fix the YAML syntax at this position (indentation, quotes, brackets)");
    }
    JsonLocation location = e.getLocation();
    int line = location == null ? 1 : Math.max(1, location.getLineNr());
    int column = location == null ? 1 : Math.max(1, location.getColumnNr());
    return new ConfigException(position(file, line, column),
        "invalid " + language + ": " + e.getOriginalMessage().replace('\n', ' '),
        "fix the " + language + " syntax at this position");
  }

  /** The state of reading one document: anchors seen so far and the alias budget. */
  private final class Session {
    private final Path file;
    private final JsonParser parser;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private final Map<YamlNode, Integer> sizes = new IdentityHashMap<>();
    private int aliases;
    private long aliasExpansion;

    Session(Path file, JsonParser parser) {
      this.file = file;
      this.parser = parser;
    }

    SourcePosition tokenPosition() {
      JsonLocation location = parser.currentTokenLocation();
      return position(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
    }

    /** Reads the value at the current token, leaving the parser on its last token. */
    YamlNode readValue() throws IOException {
      SourcePosition position = tokenPosition();
      YAMLParser yaml = parser instanceof YAMLParser yamlParser ? yamlParser : null;
      if (yaml != null && yaml.isCurrentAlias()) {
        return resolveAlias(parser.getText(), position);
      }
      String anchor = yaml == null ? null : yaml.getCurrentAnchor();
      JsonToken token = parser.currentToken();
      YamlNode node;
      if (token == JsonToken.START_OBJECT) {
        node = readMapping(position);
      } else if (token == JsonToken.START_ARRAY) {
        node = readSequence(position);
      } else {
        node = new YamlNode.Scalar(scalar(token, position), position);
        sizes.put(node, 1);
      }
      if (anchor != null) {
        anchors.put(anchor, node);
      }
      return node;
    }

    private YamlNode resolveAlias(String name, SourcePosition position) {
      YamlNode target = anchors.get(name);
      if (target == null) {
        // NOTE: Jackson's YAMLParser (2.23) reports anchors of lists and mappings only, so an
        // alias of an anchored single value ends up here as well.
        throw new ConfigException(position,
            "alias '*" + name + "' names no anchored list or mapping before it",
            "define '&" + name + "' earlier on a list or mapping; anchors on single values are"
                + " not supported, so write such values out");
      }
      aliases++;
      aliasExpansion += sizes.getOrDefault(target, 1);
      if (aliases > MAX_ALIASES) {
        throw new ConfigException(position,
            "too many YAML aliases: more than " + MAX_ALIASES + " in one file",
            "write the values out instead of repeating aliases");
      }
      if (aliasExpansion > MAX_ALIAS_EXPANSION) {
        throw new ConfigException(position,
            "YAML aliases would expand this file to more than " + MAX_ALIAS_EXPANSION
                + " nodes", "write the values out instead of nesting aliases");
      }
      return target;
    }

    private JsonNode scalar(JsonToken token, SourcePosition position) throws IOException {
      switch (token) {
        case VALUE_STRING:
          return JSON.textNode(parser.getText());
        case VALUE_NUMBER_INT:
          return JSON.numberNode(parser.getBigIntegerValue());
        case VALUE_NUMBER_FLOAT:
          try {
            // Keeps "1.30" as written, so a message can suggest quoting it.
            return JSON.numberNode(new BigDecimal(parser.getText()));
          } catch (NumberFormatException e) {
            return JSON.numberNode(parser.getDoubleValue());
          }
        case VALUE_TRUE:
          return JSON.booleanNode(true);
        case VALUE_FALSE:
          return JSON.booleanNode(false);
        case VALUE_NULL:
          return JSON.nullNode();
        default:
          throw new ConfigException(position, "unsupported YAML value (" + token + ")",
              "write a string, number, boolean, list or mapping");
      }
    }

    private YamlNode readMapping(SourcePosition position) throws IOException {
      Map<String, YamlNode> entries = new LinkedHashMap<>();
      Map<String, SourcePosition> keyPositions = new LinkedHashMap<>();
      List<YamlNode.Mapping> merges = new ArrayList<>();
      int size = 1;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String key = parser.currentName();
        SourcePosition keyPosition = tokenPosition();
        parser.nextToken();
        YamlNode value = readValue();
        size += sizes.getOrDefault(value, 1);
        if (key.equals("<<") && value instanceof YamlNode.Mapping merged) {
          merges.add(merged);
          continue;
        }
        SourcePosition first = keyPositions.get(key);
        if (first != null) {
          throw new ConfigException(keyPosition,
              "duplicate key '" + key + "' (first written at line " + first.line() + ")",
              "remove one of the two");
        }
        entries.put(key, value);
        keyPositions.put(key, keyPosition);
      }
      // YAML merge keys: explicit keys win over merged ones.
      for (YamlNode.Mapping merged : merges) {
        for (Map.Entry<String, YamlNode> entry : merged.entries().entrySet()) {
          if (!entries.containsKey(entry.getKey())) {
            entries.put(entry.getKey(), entry.getValue());
            keyPositions.put(entry.getKey(), merged.keyPosition(entry.getKey()));
          }
        }
      }
      YamlNode node = new YamlNode.Mapping(entries, keyPositions, position);
      sizes.put(node, size);
      return node;
    }

    private YamlNode readSequence(SourcePosition position) throws IOException {
      List<YamlNode> items = new ArrayList<>();
      int size = 1;
      while (parser.nextToken() != JsonToken.END_ARRAY) {
        YamlNode item = readValue();
        size += sizes.getOrDefault(item, 1);
        items.add(item);
      }
      YamlNode node = new YamlNode.Sequence(items, position);
      sizes.put(node, size);
      return node;
    }
  }
}
