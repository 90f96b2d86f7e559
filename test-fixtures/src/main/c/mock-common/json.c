/* The JSON reader of json.h: recursive descent over a length-bounded buffer, no reads past len. */
#include "json.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *text;
    size_t len, pos;
    int line, column;
    json_doc *doc;
    char *err;
    size_t errlen;
} parser;

static int fail(parser *p, const char *fmt, ...) {
    int n = snprintf(p->err, p->errlen, "line %d, column %d: ", p->line, p->column);
    if (n >= 0 && (size_t)n < p->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int peek(const parser *p) {
    return p->pos < p->len ? (unsigned char)p->text[p->pos] : -1;
}

static void advance(parser *p) {
    if (p->text[p->pos] == '\n') {
        p->line++;
        p->column = 1;
    } else {
        p->column++;
    }
    p->pos++;
}

static void skip_space(parser *p) {
    for (int c = peek(p); c == ' ' || c == '\t' || c == '\n' || c == '\r'; c = peek(p)) {
        advance(p);
    }
}

static const char *describe(int c) {
    static _Thread_local char buf[16];
    if (c < 0) {
        return "end of input";
    }
    if (c >= 0x20 && c < 0x7f) {
        snprintf(buf, sizeof buf, "'%c'", c);
    } else {
        snprintf(buf, sizeof buf, "byte 0x%02X", c);
    }
    return buf;
}

static json_value *new_value(parser *p, json_type type) {
    if (p->doc->used == p->doc->capacity) {
        fail(p, "more than %d values", JSON_MAX_VALUES);
        return NULL;
    }
    json_value *v = &p->doc->values[p->doc->used++];
    memset(v, 0, sizeof *v);
    v->type = type;
    v->line = p->line;
    v->column = p->column;
    return v;
}

static int literal(parser *p, const char *word) {
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->text + p->pos, word, n) != 0) {
        return fail(p, "expected %s, found %s", word[0] == '\\' ? "a \\u escape" : "a value", describe(peek(p)));
    }
    for (size_t i = 0; i < n; i++) {
        advance(p);
    }
    return 0;
}

static int hex4(parser *p, unsigned *out) {
    *out = 0;
    for (int i = 0; i < 4; i++) {
        int c = peek(p);
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) {
            return fail(p, "expected a hex digit in \\u escape, found %s", describe(c));
        }
        *out = *out << 4 | (unsigned)d;
        advance(p);
    }
    return 0;
}

/* Appends the UTF-8 form of code point cp to buf[*n], within JSON_MAX_STRING. */
static int put_utf8(parser *p, char *buf, size_t *n, unsigned cp) {
    char tmp[4];
    size_t k;
    if (cp < 0x80) {
        tmp[0] = (char)cp; k = 1;
    } else if (cp < 0x800) {
        tmp[0] = (char)(0xC0 | cp >> 6); tmp[1] = (char)(0x80 | (cp & 0x3F)); k = 2;
    } else if (cp < 0x10000) {
        tmp[0] = (char)(0xE0 | cp >> 12); tmp[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        tmp[2] = (char)(0x80 | (cp & 0x3F)); k = 3;
    } else {
        tmp[0] = (char)(0xF0 | cp >> 18); tmp[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        tmp[2] = (char)(0x80 | (cp >> 6 & 0x3F)); tmp[3] = (char)(0x80 | (cp & 0x3F)); k = 4;
    }
    if (*n + k > JSON_MAX_STRING) {
        return fail(p, "string longer than %d bytes", JSON_MAX_STRING);
    }
    memcpy(buf + *n, tmp, k);
    *n += k;
    return 0;
}

static int escape(parser *p, char *buf, size_t *n) {
    int c = peek(p);
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *hit = c > 0 ? strchr(from, c) : NULL;
    if (hit != NULL) {
        advance(p);
        return put_utf8(p, buf, n, (unsigned char)to[hit - from]);
    }
    if (c != 'u') {
        return fail(p, "invalid escape \\%s", c < 0 ? "at end of input" : describe(c));
    }
    advance(p);
    unsigned cp;
    if (hex4(p, &cp) != 0) {
        return -1;
    }
    if (cp >= 0xD800 && cp < 0xDC00) {
        unsigned low;
        if (literal(p, "\\u") != 0 || hex4(p, &low) != 0 || low < 0xDC00 || low > 0xDFFF) {
            return fail(p, "unpaired surrogate in \\u escape");
        }
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    } else if (cp >= 0xDC00 && cp < 0xE000) {
        return fail(p, "unpaired surrogate in \\u escape");
    } else if (cp == 0) {
        return fail(p, "\\u0000 is not allowed in a profile string");
    }
    return put_utf8(p, buf, n, cp);
}

/* Reads a string token into the document's string area; *out points at the copy. */
static int string(parser *p, const char **out) {
    char *buf = p->doc->strings + p->doc->strings_used;
    size_t n = 0;
    advance(p); /* the opening quote */
    for (;;) {
        int c = peek(p);
        if (c < 0) {
            return fail(p, "unterminated string");
        }
        if (c == '"') {
            advance(p);
            break;
        }
        if (c < 0x20) {
            return fail(p, "control character %s in string", describe(c));
        }
        if (c == '\\') {
            advance(p);
            if (escape(p, buf, &n) != 0) {
                return -1;
            }
            continue;
        }
        if (n + 1 > JSON_MAX_STRING) {
            return fail(p, "string longer than %d bytes", JSON_MAX_STRING);
        }
        buf[n++] = (char)c;
        advance(p);
    }
    buf[n] = '\0';
    p->doc->strings_used += n + 1;
    *out = buf;
    return 0;
}

static int digits(parser *p) {
    int count = 0;
    for (int c = peek(p); c >= '0' && c <= '9'; c = peek(p)) {
        advance(p);
        count++;
    }
    return count;
}

static int number(parser *p, json_value *v) {
    size_t start = p->pos;
    int integer = 1;
    if (peek(p) == '-') {
        advance(p);
    }
    if (peek(p) == '0') {
        advance(p);
    } else if (digits(p) == 0) {
        return fail(p, "expected a digit, found %s", describe(peek(p)));
    }
    if (peek(p) == '.') {
        integer = 0;
        advance(p);
        if (digits(p) == 0) {
            return fail(p, "expected a digit after '.', found %s", describe(peek(p)));
        }
    }
    if (peek(p) == 'e' || peek(p) == 'E') {
        integer = 0;
        advance(p);
        if (peek(p) == '+' || peek(p) == '-') {
            advance(p);
        }
        if (digits(p) == 0) {
            return fail(p, "expected a digit in the exponent, found %s", describe(peek(p)));
        }
    }
    char tmp[64];
    size_t n = p->pos - start;
    if (n >= sizeof tmp) {
        return fail(p, "number longer than %zu characters", sizeof tmp - 1);
    }
    memcpy(tmp, p->text + start, n);
    tmp[n] = '\0';
    v->number = strtod(tmp, NULL);
    if (integer) {
        errno = 0;
        char *end;
        v->integer = strtoll(tmp, &end, 10);
        v->is_integer = errno == 0;
    }
    return 0;
}

static int value(parser *p, json_value **out, int depth);

static int container(parser *p, json_value *v, int depth) {
    int object = v->type == JSON_OBJECT;
    int close = object ? '}' : ']';
    json_value **tail = &v->child;
    advance(p);
    skip_space(p);
    if (peek(p) == close) {
        advance(p);
        return 0;
    }
    for (;;) {
        const char *key = NULL;
        if (object) {
            if (peek(p) != '"') {
                return fail(p, "expected a member name in quotes, found %s", describe(peek(p)));
            }
            if (string(p, &key) != 0) {
                return -1;
            }
            for (const json_value *m = v->child; m != NULL; m = m->next) {
                if (strcmp(m->key, key) == 0) {
                    return fail(p, "duplicate member \"%s\"", key);
                }
            }
            skip_space(p);
            if (peek(p) != ':') {
                return fail(p, "expected ':' after \"%s\", found %s", key, describe(peek(p)));
            }
            advance(p);
        }
        json_value *item;
        if (value(p, &item, depth + 1) != 0) {
            return -1;
        }
        item->key = key;
        *tail = item;
        tail = &item->next;
        v->length++;
        skip_space(p);
        int c = peek(p);
        if (c == close) {
            advance(p);
            return 0;
        }
        if (c != ',') {
            return fail(p, "expected ',' or '%c', found %s", close, describe(c));
        }
        advance(p);
        skip_space(p);
    }
}

static int value(parser *p, json_value **out, int depth) {
    if (depth > JSON_MAX_DEPTH) {
        return fail(p, "nested deeper than %d", JSON_MAX_DEPTH);
    }
    skip_space(p);
    int c = peek(p);
    json_type type = c == '{' ? JSON_OBJECT : c == '[' ? JSON_ARRAY : c == '"' ? JSON_STRING
            : c == 't' ? JSON_TRUE : c == 'f' ? JSON_FALSE : c == 'n' ? JSON_NULL : JSON_NUMBER;
    json_value *v = new_value(p, type);
    if (v == NULL) {
        return -1;
    }
    *out = v;
    switch (type) {
    case JSON_OBJECT:
    case JSON_ARRAY: return container(p, v, depth);
    case JSON_STRING: return string(p, &v->string);
    case JSON_TRUE: return literal(p, "true");
    case JSON_FALSE: return literal(p, "false");
    case JSON_NULL: return literal(p, "null");
    default:
        if (c != '-' && (c < '0' || c > '9')) {
            return fail(p, "expected a value, found %s", describe(c));
        }
        return number(p, v);
    }
}

int json_parse(const char *text, size_t len, json_doc *doc, json_value **root, char *err, size_t errlen) {
    parser p = {text, len, 0, 1, 1, doc, err, errlen};
    memset(doc, 0, sizeof *doc);
    if (len > JSON_MAX_TEXT) {
        snprintf(err, errlen, "larger than %d bytes", JSON_MAX_TEXT);
        return -1;
    }
    doc->capacity = len + 1 < JSON_MAX_VALUES ? len + 1 : JSON_MAX_VALUES;
    doc->values = calloc(doc->capacity, sizeof *doc->values);
    doc->strings_capacity = len + 1;
    doc->strings = malloc(doc->strings_capacity);
    if (doc->values == NULL || doc->strings == NULL) {
        json_free(doc);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (value(&p, root, 0) != 0) {
        json_free(doc);
        return -1;
    }
    skip_space(&p);
    if (p.pos != len) {
        fail(&p, "unexpected %s after the document", describe(peek(&p)));
        json_free(doc);
        return -1;
    }
    return 0;
}

void json_free(json_doc *doc) {
    free(doc->values);
    free(doc->strings);
    memset(doc, 0, sizeof *doc);
}

const json_value *json_member(const json_value *object, const char *key) {
    if (object == NULL || object->type != JSON_OBJECT) {
        return NULL;
    }
    for (const json_value *m = object->child; m != NULL; m = m->next) {
        if (strcmp(m->key, key) == 0) {
            return m;
        }
    }
    return NULL;
}

const char *json_type_name(json_type type) {
    static const char *names[] = {"null", "false", "true", "a number", "a string", "an array", "an object"};
    return names[type];
}
