Sub Main
  Dim src As String, dst As String, layout As String
  src = ConvertToURL(Environ("PIVOT_SRC"))
  dst = ConvertToURL(Environ("PIVOT_DST"))
  layout = Environ("PIVOT_LAYOUT")
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden" : args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(src, "_blank", 0, args())
  sheet = doc.Sheets.getByIndex(0)
  cursor = sheet.createCursor()
  cursor.gotoEndOfUsedArea(False)
  Dim rng As New com.sun.star.table.CellRangeAddress
  rng.Sheet = 0 : rng.StartColumn = 0 : rng.StartRow = 0
  rng.EndColumn = cursor.RangeAddress.EndColumn : rng.EndRow = cursor.RangeAddress.EndRow
  doc.Sheets.insertNewByName("Pivot", 1)
  outSheet = doc.Sheets.getByName("Pivot")
  tables = outSheet.getDataPilotTables()
  desc = tables.createDataPilotDescriptor()
  desc.setSourceRange(rng)
  fields = desc.getDataPilotFields()
  f = fields.getByIndex(0)
  f.Orientation = com.sun.star.sheet.DataPilotFieldOrientation.PAGE
  f = fields.getByIndex(1)
  If layout = "nested" Then
    f.Orientation = com.sun.star.sheet.DataPilotFieldOrientation.ROW
  Else
    f.Orientation = com.sun.star.sheet.DataPilotFieldOrientation.PAGE
  End If
  If layout = "nested" Then
    Dim subs(0) As Long
    subs(0) = com.sun.star.sheet.GeneralFunction.AUTO
    f.Subtotals = subs()
  End If
  f = fields.getByIndex(2)
  f.Orientation = com.sun.star.sheet.DataPilotFieldOrientation.ROW
  f = fields.getByIndex(3)
  f.Orientation = com.sun.star.sheet.DataPilotFieldOrientation.COLUMN
  f = fields.getByIndex(4)
  f.Orientation = com.sun.star.sheet.DataPilotFieldOrientation.DATA
  f.Function = com.sun.star.sheet.GeneralFunction.SUM
  Dim dest As New com.sun.star.table.CellAddress
  dest.Sheet = 1 : dest.Column = 0 : dest.Row = 0
  tables.insertNewByName("DataPilot1", dest, desc)
  If layout <> "nested" Then
    pf = tables.getByName("DataPilot1").getDataPilotFields().getByIndex(1)
    pf.UseSelectedPage = True
    pf.SelectedPage = Environ("PIVOT_BASE")
    tables.getByName("DataPilot1").refresh()
  End If
  doc.Sheets.removeByName(doc.Sheets.getByIndex(0).Name)
  Dim sargs(0) As New com.sun.star.beans.PropertyValue
  sargs(0).Name = "FilterName" : sargs(0).Value = "Calc MS Excel 2007 XML"
  doc.storeToURL(dst, sargs())
  doc.close(True)
End Sub
