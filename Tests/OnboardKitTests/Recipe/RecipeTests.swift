import Testing

@testable import OnboardKit

/// Recipe errors say what is wrong, where (the 1-based line of the offending key in the YAML), in
/// which step, and how to fix it.
@Suite struct RecipeTests {
  static let head = """
    product: {name: p}
    source: {path: data.csv}

    """
  static let tail = """
    target: {path: out}

    """

  /// Parses and expects a `RecipeError`; returns it for further checks.
  static func parseError(_ yaml: String) -> RecipeError? {
    do {
      _ = try Recipe.parse(yaml, file: "r.yaml")
      Issue.record("expected a recipe error")
      return nil
    } catch let error as RecipeError {
      return error
    } catch {
      Issue.record("expected a RecipeError, got \(error)")
      return nil
    }
  }

  static func planError(_ yaml: String, source: [String]) -> RecipeError? {
    do {
      let recipe = try Recipe.parse(yaml, file: "r.yaml")
      _ = try Plan(steps: recipe.steps, source: Schema(source.map { Field(name: $0, type: .string) }))
      Issue.record("expected a planning error")
      return nil
    } catch let error as RecipeError {
      return error
    } catch {
      Issue.record("expected a RecipeError, got \(error)")
      return nil
    }
  }

  @Test func aValidRecipe() throws {
    let yaml = Self.head + """
      steps:
        - rename: {a: b}
        - cast: {columns: {b: integer}}
      columns:
        b: {description: the b, type: int, sensitive: true}
      """ + "\n" + Self.tail
    let recipe = try Recipe.parse(yaml, file: "/tmp/recipes/r.yaml")
    #expect(recipe.product.name == "p")
    #expect(recipe.source.resolvedPath == "/tmp/recipes/data.csv")
    #expect(recipe.target.resolvedPath == "/tmp/recipes/out")
    #expect(recipe.steps.map(\.context.reference) == [StepReference(index: 1, kind: "rename"), StepReference(index: 2, kind: "cast")])
    #expect(recipe.steps.map(\.context.location.line) == [4, 5])
    #expect(recipe.columns.map(\.name) == ["b"])
    #expect(recipe.columns.first?.type == .integer)
    #expect(recipe.columns.first?.sensitive == true)
    let plan = try Plan(steps: recipe.steps, source: Schema([Field(name: "a", type: .string)]))
    #expect(plan.target == Schema([Field(name: "b", type: .integer)]))
    #expect(plan.schemas.count == 3)
  }

  /// `decimal(p,s)` holds a comma: block style or a quoted flow value both read it whole.
  @Test func decimalTypeInBlockAndQuotedFlowStyle() throws {
    let block = Self.head + "steps:\n  - cast:\n      columns:\n        rate: decimal(5,2)\n" + Self.tail
    let flow = Self.head + "steps:\n  - cast: {columns: {rate: 'decimal(5,2)'}}\n" + Self.tail
    for yaml in [block, flow] {
      let recipe = try Recipe.parse(yaml, file: "r.yaml")
      let plan = try Plan(steps: recipe.steps, source: Schema([Field(name: "rate", type: .string)]))
      #expect(plan.target == Schema([Field(name: "rate", type: .decimal(precision: 5, scale: 2))]))
    }
  }

  @Test func unknownStepKind() throws {
    let yaml = Self.head + """
      steps:
        - rename: {a: b}
        - renam: {b: c}
      """ + "\n" + Self.tail
    let e = try #require(Self.parseError(yaml))
    #expect(e.code == "unknown-step")
    #expect(e.location.line == 5)
    #expect(e.location.file == "r.yaml")
    #expect(e.step == StepReference(index: 2, kind: "renam"))
    #expect(e.fix?.contains("did you mean 'rename'") == true)
    #expect(e.description.hasPrefix("r.yaml:5:5: step 2 (renam): unknown step 'renam'"))
  }

  @Test func unknownKeyInAStep() throws {
    let yaml = Self.head + """
      steps:
        - map_values:
            columns: [housing]
            codebok: codes.json
      """ + "\n" + Self.tail
    let e = try #require(Self.parseError(yaml))
    #expect(e.code == "unknown-key")
    #expect(e.location.line == 6)
    #expect(e.step == StepReference(index: 1, kind: "map_values"))
    #expect(e.fix?.contains("did you mean 'codebook'") == true)
  }

  @Test func unknownTopLevelSection() throws {
    let yaml = Self.head + """
      colums:
        a: {description: x}
      """ + "\n" + Self.tail
    let e = try #require(Self.parseError(yaml))
    #expect(e.code == "unknown-key")
    #expect(e.location.line == 3)
    #expect(e.step == nil)
    #expect(e.fix?.contains("did you mean 'columns'") == true)
  }

  @Test func unknownTypeInCast() throws {
    let yaml = Self.head + """
      steps:
        - cast:
            columns:
              age: integr
      """ + "\n" + Self.tail
    let e = try #require(Self.parseError(yaml))
    #expect(e.code == "unknown-type")
    #expect(e.location.line == 6)
    #expect(e.step == StepReference(index: 1, kind: "cast"))
    #expect(e.column == "age")
    #expect(e.fix?.contains("integer") == true)
  }

  /// Every other unknown name gets the nearest spelling; an unknown type should too.
  @Test func unknownTypeInCastSuggestsTheNearest() throws {
    let yaml = Self.head + "steps:\n  - cast: {columns: {age: integr}}\n" + Self.tail
    let e = try #require(Self.parseError(yaml))
    #expect(e.fix?.contains("did you mean 'integer'") == true)
  }

  @Test func unknownTypeInColumns() throws {
    let yaml = Self.head + """
      columns:
        age:
          description: Age
          type: number
      """ + "\n" + Self.tail
    let e = try #require(Self.parseError(yaml))
    #expect(e.code == "unknown-type")
    #expect(e.location.line == 6)
    #expect(e.column == "age")
    #expect(e.step == nil)
  }

  @Test func missingSection() throws {
    let e = try #require(Self.parseError("product: {name: p}\nsource: {path: d.csv}\n"))
    #expect(e.code == "missing-key")
    #expect(e.message.contains("target"))
  }

  @Test func yamlSyntaxErrorNamesTheLine() throws {
    let yaml = Self.head + "steps:\n  - rename: {a: b\n" + Self.tail
    let e = try #require(Self.parseError(yaml))
    #expect(e.code == "yaml-syntax")
    #expect(e.location.line >= 4 && e.location.line <= 5)
  }

  @Test func aStepIsOneEntry() throws {
    let yaml = Self.head + "steps:\n  - {rename: {a: b}, drop: [c]}\n" + Self.tail
    let e = try #require(Self.parseError(yaml))
    #expect(e.code == "malformed-step")
    #expect(e.location.line == 4)
  }

  @Test func wrongValueType() throws {
    let yaml = "product: {name: p}\nsource: {path: d.csv, header: maybe}\n" + Self.tail
    let e = try #require(Self.parseError(yaml))
    #expect(e.code == "wrong-type")
    #expect(e.location.line == 2)
  }

  // MARK: - Planning: names resolved against the source schema before any row

  static let source = ["status", "purpose", "housing", "age", "telephone"]

  @Test func unknownColumnInRename() throws {
    let yaml = Self.head + """
      steps:
        - rename:
            status: account_status
            purpse: purpose_of_credit
      """ + "\n" + Self.tail
    let e = try #require(Self.planError(yaml, source: Self.source))
    #expect(e.code == "unknown-column")
    #expect(e.location.line == 6)
    #expect(e.step == StepReference(index: 1, kind: "rename"))
    #expect(e.column == "purpse")
    #expect(e.fix == "did you mean 'purpose'?")
  }

  @Test func unknownColumnInDrop() throws {
    let yaml = Self.head + """
      steps:
        - rename: {status: account}
        - drop:
            - age
            - telefone
      """ + "\n" + Self.tail
    let e = try #require(Self.planError(yaml, source: Self.source))
    #expect(e.code == "unknown-column")
    #expect(e.location.line == 7)
    #expect(e.step == StepReference(index: 2, kind: "drop"))
    #expect(e.fix == "did you mean 'telephone'?")
  }

  /// A later step sees the names an earlier step gave: `status` no longer exists after the rename.
  @Test func unknownColumnInCastAfterARename() throws {
    let yaml = Self.head + """
      steps:
        - rename: {status: account}
        - cast:
            columns:
              agee: integer
      """ + "\n" + Self.tail
    let e = try #require(Self.planError(yaml, source: Self.source))
    #expect(e.code == "unknown-column")
    #expect(e.location.line == 7)
    #expect(e.step == StepReference(index: 2, kind: "cast"))
    #expect(e.fix == "did you mean 'age'?")
    let renamed = Self.head + "steps:\n  - rename: {status: account}\n  - cast: {columns: {status: integer}}\n" + Self.tail
    let gone = try #require(Self.planError(renamed, source: Self.source))
    #expect(gone.code == "unknown-column")
    #expect(gone.column == "status")
    #expect(gone.location.line == 5)
  }

  @Test func unknownColumnInMapValues() throws {
    let yaml = Self.head + """
      steps:
        - map_values:
            columns:
              - housng
            mapping: {A151: rent}
      """ + "\n" + Self.tail
    let e = try #require(Self.planError(yaml, source: Self.source))
    #expect(e.code == "unknown-column")
    #expect(e.location.line == 6)
    #expect(e.step == StepReference(index: 1, kind: "map_values"))
    #expect(e.fix == "did you mean 'housing'?")
  }

  @Test func unknownColumnFarFromEveryNameListsTheColumns() throws {
    let yaml = Self.head + "steps:\n  - drop: [zzzzzzzz]\n" + Self.tail
    let e = try #require(Self.planError(yaml, source: ["a", "b"]))
    #expect(e.fix == "the columns here are: a, b")
  }

  @Test func mapValuesRefusesATypedColumn() throws {
    let yaml = Self.head + "steps:\n  - cast: {columns: {age: integer}}\n  - map_values: {columns: [age], mapping: {'1': one}}\n" + Self.tail
    let e = try #require(Self.planError(yaml, source: Self.source))
    #expect(e.code == "wrong-type")
    #expect(e.step == StepReference(index: 2, kind: "map_values"))
  }

  // MARK: - The `columns` section against the planned target

  static func check(_ yaml: String, target: Schema) -> RecipeError? {
    do {
      let recipe = try Recipe.parse(yaml, file: "r.yaml")
      _ = try Pipeline.checkColumns(recipe, against: target)
      Issue.record("expected a columns error")
      return nil
    } catch let error as RecipeError {
      return error
    } catch {
      Issue.record("expected a RecipeError, got \(error)")
      return nil
    }
  }

  static let target = Schema([Field(name: "age", type: .string), Field(name: "amount", type: .integer)])

  @Test func documentedColumnTheStepsDoNotProduce() throws {
    let yaml = Self.head + """
      columns:
        amount: {description: Amount}
        amuont_total: {description: typo}
      """ + "\n" + Self.tail
    let e = try #require(Self.check(yaml, target: Self.target))
    #expect(e.code == "unknown-column")
    #expect(e.location.line == 5)
    #expect(e.column == "amuont_total")
    #expect(e.step == nil)
    #expect(e.message.contains("the steps do not produce it"))
  }

  @Test func declaredTypeMismatch() throws {
    let yaml = Self.head + """
      columns:
        amount: {type: int}
        age:
          type: int
      """ + "\n" + Self.tail
    let e = try #require(Self.check(yaml, target: Self.target))
    #expect(e.code == "type-mismatch")
    #expect(e.location.line == 5)
    #expect(e.column == "age")
    #expect(e.fix?.contains("cast") == true)
  }

  @Test func checkedColumnsCarryTheMetadata() throws {
    let yaml = Self.head + """
      columns:
        age: {description: Age in years, sensitive: true, classification: personal}
        amount: {type: integer}
      """ + "\n" + Self.tail
    let recipe = try Recipe.parse(yaml, file: "r.yaml")
    let columns = try Pipeline.checkColumns(recipe, against: Self.target)
    #expect(columns.map(\.name) == ["age", "amount"])
    #expect(columns.map(\.type) == [.string, .integer])
    #expect(columns.map(\.sensitive) == [true, false])
    #expect(columns[0].description == "Age in years")
    #expect(columns[0].classification == "personal")
    #expect(columns[1].description == nil)
  }

  @Test(arguments: [
    ("int", DataType.integer), ("integer", .integer), ("bigint", .bigint), ("long", .bigint), ("double", .double),
    ("float", .double), ("decimal(10,2)", .decimal(precision: 10, scale: 2)), ("Decimal(18, 0)", .decimal(precision: 18, scale: 0)),
    ("date", .date), ("timestamp", .timestamp), ("string", .string), ("boolean", .boolean),
  ])
  func typeSpellings(_ text: String, _ type: DataType) {
    #expect(DataType(parsing: text) == type)
  }

  @Test(arguments: ["decimal(19,2)", "decimal(2,3)", "decimal(10)", "number", "decimal(0,0)", ""])
  func invalidTypeSpellings(_ text: String) {
    #expect(DataType(parsing: text) == nil)
  }
}

/// The annotated recipe in docs/recipes.md is a real recipe: it parses with every key checked.
@Test func documentedRecipeParses() throws {
  let path = TestPaths.repo.appendingPathComponent("docs/recipes.md").path
  let text = try String(contentsOfFile: path, encoding: .utf8)
  let start = try #require(text.range(of: "```yaml\n"))
  let end = try #require(text.range(of: "```", range: start.upperBound ..< text.endIndex))
  let recipe = try Recipe.parse(String(text[start.upperBound ..< end.lowerBound]), file: path)
  #expect(recipe.steps.map(\.context.reference.kind) == ["rename", "map_values", "cast", "drop"])
  #expect(recipe.columns.first?.sensitive == true)
  #expect(recipe.target.lineEnding == "lf")
}
