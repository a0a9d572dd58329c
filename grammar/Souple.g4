// Souple policy language grammar (ANTLR 4.7.2 tool, 4.9 C++ runtime).
// The grammar is deliberately permissive: clause order, duplicates and most
// well-formedness rules are checked by the AST builder and the checker, which
// can give targeted messages. See docs/language.md for the semantics.
grammar Souple;

file        : (policyDecl | moduleDecl)* EOF ;

moduleDecl  : DOC* MODULE qualifiedName LBRACE item* RBRACE ;
policyDecl  : DOC* POLICY qualifiedName LBRACE item* RBRACE ;

item
  : DOC* TITLE localized+                                  # titleItem
  | DOC* VERSION STRING                                    # versionItem
  | DOC* STATUS ident                                      # statusItem
  | DOC* EFFECTIVE DATE                                    # effectiveItem
  | DOC* UNTIL DATE                                        # untilItem
  | DOC* SUPERSEDES qualifiedName (AT STRING)?             # supersedesItem
  | DOC* IMPORT qualifiedName                              # importItem
  | DOC* APPLIES TO expr localized*                        # appliesItem
  | DOC* SOURCE ident LBRACE sourceField* RBRACE           # sourceItem
  | DOC* DEF ident (LPAREN (ident (COMMA ident)*)? RPAREN)? ASSIGN expr   # defItem
  | DOC* TABLE ident LPAREN column (COMMA column)* RPAREN LBRACE row* RBRACE  # tableItem
  | DOC* RULE ident LBRACE clause* RBRACE                  # ruleItem
  ;

localized   : LANG STRING ;
sourceField : ident (STRING | DATE | ident) ;

column      : KEY? ident COLON typeName ;
typeName    : ident QUESTION? ;
row         : cell (COMMA cell)* SEMI ;
cell        : NONE | literal ;

clause
  : KIND ident                                             # kindClause
  | CONFIDENCE ident                                       # confidenceClause
  | COVERS STRING+                                         # coversClause
  | period                                                 # periodClause
  | FOR ident IN expr                                      # forClause
  | LET ident ASSIGN expr                                  # letClause
  | WHEN expr                                              # whenClause
  | UNLESS expr (BECAUSE localized+)? period?              # unlessClause
  | MET WHEN expr                                          # metClause
  | CITE ident STRING? period?                             # citeClause
  | SEE qualifiedName                                      # seeClause
  | NOTE localized                                         # noteClause
  | localized                                              # messageClause
  ;

expr
  : LPAREN expr RPAREN                                     # parenExpr
  | literal                                                # literalExpr
  | LBRACK (expr (COMMA expr)*)? RBRACK                    # listExpr
  | ident LPAREN (expr (COMMA expr)*)? RPAREN              # callExpr
  | ident                                                  # nameExpr
  | expr DOT ident                                         # fieldExpr
  | expr LBRACK expr RBRACK                                # indexExpr
  | MINUS expr                                             # negExpr
  | expr op=(PLUS | MINUS) expr                            # additiveExpr
  | expr op=(EQ | NE | LT | LE | GT | GE) expr             # compareExpr
  | expr NOT? IN expr                                      # inExpr
  | NOT expr                                               # notExpr
  | expr AND expr                                          # andExpr
  | expr OR expr                                           # orExpr
  | <assoc=right> expr IMPLIES expr                        # impliesExpr
  | quant=(SOME | EVERY) ident IN expr SATISFIES expr      # quantExpr
  | COUNT ident IN expr WHERE expr                         # countExpr
  | FIRST ident IN expr WHERE expr                         # firstExpr
  | IF expr THEN expr ELSE expr                            # ifExpr
  ;

// Dated doctrine: a rule, an exception or a citation in force only part of its policy's period.
period      : EFFECTIVE DATE (UNTIL DATE)? | UNTIL DATE ;

literal
  : TRUE | FALSE | INT | STRING | DATE | INT durationUnit ;
durationUnit : YEAR | YEARS | MONTH | MONTHS | DAY | DAYS ;

qualifiedName : ident (DOT ident)* ;
// Soft keywords usable as names (field names such as `status` or `kind`).
ident : ID | TITLE | VERSION | STATUS | EFFECTIVE | UNTIL | SOURCE | KIND | CONFIDENCE
      | COVERS | NOTE | SEE | KEY | MET | BECAUSE | COUNT | FIRST | APPLIES | TO ;

// ---- lexer ----
MODULE: 'module'; POLICY: 'policy'; TITLE: 'title'; VERSION: 'version'; STATUS: 'status';
EFFECTIVE: 'effective'; UNTIL: 'until'; SUPERSEDES: 'supersedes'; IMPORT: 'import';
APPLIES: 'applies'; TO: 'to';
SOURCE: 'source'; DEF: 'def'; TABLE: 'table'; RULE: 'rule'; KEY: 'key';
KIND: 'kind'; CONFIDENCE: 'confidence'; COVERS: 'covers'; FOR: 'for'; LET: 'let';
WHEN: 'when'; UNLESS: 'unless'; BECAUSE: 'because'; MET: 'met'; CITE: 'cite'; SEE: 'see';
NOTE: 'note'; AT: '@';
NOT: 'not'; AND: 'and'; OR: 'or'; IMPLIES: 'implies'; IN: 'in';
SOME: 'some'; EVERY: 'every'; SATISFIES: 'satisfies'; COUNT: 'count'; FIRST: 'first';
WHERE: 'where'; IF: 'if'; THEN: 'then'; ELSE: 'else'; TRUE: 'true'; FALSE: 'false';
NONE: 'none'; YEAR: 'year'; YEARS: 'years'; MONTH: 'month'; MONTHS: 'months'; DAY: 'day'; DAYS: 'days';
LANG: 'fr' | 'en';

LPAREN: '('; RPAREN: ')'; LBRACE: '{'; RBRACE: '}'; LBRACK: '['; RBRACK: ']';
COMMA: ','; DOT: '.'; COLON: ':'; SEMI: ';'; QUESTION: '?'; ASSIGN: '=';
EQ: '=='; NE: '!='; LE: '<='; GE: '>='; LT: '<'; GT: '>'; PLUS: '+';
MINUS: '-';

DATE: [0-9][0-9][0-9][0-9] '-' [0-9][0-9] '-' [0-9][0-9] ;
INT: [0-9]+ ;
STRING: '"' (ESC | ~["\\\r\n])* '"' ;
fragment ESC: '\\' (["\\/bfnrt] | 'u' HEX HEX HEX HEX) ;
fragment HEX: [0-9a-fA-F] ;
ID: [a-zA-Z_] [a-zA-Z_0-9]* ;

DOC: '///' ~[\r\n]* ;
LINE_COMMENT: '//' ~[\r\n]* -> channel(HIDDEN) ;
BLOCK_COMMENT: '/*' .*? '*/' -> channel(HIDDEN) ;
WS: [ \t\r\n]+ -> skip ;
// Anything else becomes a token the parser rejects with a located error.
ERROR_CHAR: . ;
